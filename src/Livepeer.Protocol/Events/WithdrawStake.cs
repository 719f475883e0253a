namespace Livepeer.Protocol.Events;

/// <summary>A due unbonding lock was paid out.</summary>
public sealed record WithdrawStake(Address Delegator, long UnbondingLockId, UInt256 Amount, long WithdrawRound) : ProtocolEvent;
