namespace Livepeer.Protocol.Bonding;

/// <summary>Stake on its way out: withdrawable from <see cref="WithdrawRound"/>.</summary>
public sealed record UnbondingLock(UInt256 Amount, long WithdrawRound);
