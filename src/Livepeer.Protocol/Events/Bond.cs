namespace Livepeer.Protocol.Events;

/// <summary>A bond was created, increased or moved to a new delegate.</summary>
public sealed record Bond(Address NewDelegate, Address OldDelegate, Address Delegator, UInt256 AdditionalAmount, UInt256 BondedAmount) : ProtocolEvent;
