namespace Livepeer.Protocol.Events;

/// <summary>An unbonding lock went back into the bond.</summary>
public sealed record Rebond(Address Delegate, Address Delegator, long UnbondingLockId, UInt256 Amount) : ProtocolEvent;
