namespace Livepeer.Protocol.Events;

/// <summary>Stake entered an unbonding lock.</summary>
public sealed record Unbond(Address Delegate, Address Delegator, long UnbondingLockId, UInt256 Amount, long WithdrawRound) : ProtocolEvent;
