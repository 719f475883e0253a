namespace Livepeer.Protocol.Events;

/// <summary>Part of a bond moved to another delegator.</summary>
public sealed record TransferBond(Address OldDelegator, Address NewDelegator, long OldUnbondingLockId, long NewUnbondingLockId, UInt256 Amount) : ProtocolEvent;
