namespace Livepeer.Protocol.Simulation;

/// <summary>
/// One simulated round: inflation and bonding rate (ppb), supply, active stake, minted and treasury LPT, fees paid,
/// reward calls, and the delegators' reward yield that round (ppb of their stake).
/// </summary>
public sealed record RoundStats(long Round, long Inflation, long BondingRate, UInt256 TotalSupply, UInt256 TotalActiveStake, UInt256 Minted,
    UInt256 TreasuryBalance, UInt256 FeesPaid, int RewardCalls, int ActiveOrchestrators, long DelegatorYield);
