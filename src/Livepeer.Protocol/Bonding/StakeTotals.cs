namespace Livepeer.Protocol.Bonding;

/// <summary>
/// Total active stake of the current round and of the next round (the pool), the current active-set size, and the
/// treasury cut rate in force this round (the parameter is the next round's rate, applied at initializeRound).
/// </summary>
public sealed record StakeTotals
{
    /// <summary>Stake of the current round's active set (fixed at initializeRound).</summary>
    public UInt256 CurrentRoundTotalActiveStake { get; init; }
    /// <summary>Stake of the pool, i.e. the next round's active set.</summary>
    public UInt256 NextRoundTotalActiveStake { get; init; }
    /// <summary>Transcoders active in the current round (the reserve is shared among them).</summary>
    public int CurrentRoundActiveCount { get; init; }
    /// <summary>Treasury reward cut rate of the current round (1e27 = 100 %).</summary>
    public UInt256 TreasuryRewardCutRate { get; init; }
}
