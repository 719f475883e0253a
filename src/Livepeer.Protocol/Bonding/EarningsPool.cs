namespace Livepeer.Protocol.Bonding;

/// <summary>
/// LIP-36 earnings pool of one transcoder for one round: the round's stake and commission, and the cumulative reward
/// and fee factors (1e27 fixed point; a reward factor of 0 means "never set", read as 1).
/// </summary>
public sealed record EarningsPool
{
    /// <summary>The transcoder's stake in that round.</summary>
    public UInt256 TotalStake { get; init; }
    /// <summary>Reward cut used for the round (ppm).</summary>
    public long TranscoderRewardCut { get; init; }
    /// <summary>Fee share used for the round (ppm).</summary>
    public long TranscoderFeeShare { get; init; }
    /// <summary>Cumulative reward factor.</summary>
    public UInt256 CumulativeRewardFactor { get; init; }
    /// <summary>Cumulative fee factor.</summary>
    public UInt256 CumulativeFeeFactor { get; init; }

    /// <summary>The empty pool.</summary>
    public static EarningsPool Empty { get; } = new();

    /// <summary>True when every field is zero (not stored).</summary>
    public bool IsEmpty => this == Empty;
}
