namespace Livepeer.Protocol.Calls;

/// <summary>withdrawStake(unbondingLockId).</summary>
public sealed record WithdrawStakeCall(long UnbondingLockId) : ProtocolCall;
