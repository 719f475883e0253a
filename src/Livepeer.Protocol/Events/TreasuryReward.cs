namespace Livepeer.Protocol.Events;

/// <summary>The treasury cut of a reward.</summary>
public sealed record TreasuryReward(Address Transcoder, Address Treasury, UInt256 Amount) : ProtocolEvent;
