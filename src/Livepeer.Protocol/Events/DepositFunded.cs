namespace Livepeer.Protocol.Events;

/// <summary>A sender deposit grew.</summary>
public sealed record DepositFunded(Address Sender, UInt256 Amount) : ProtocolEvent;
