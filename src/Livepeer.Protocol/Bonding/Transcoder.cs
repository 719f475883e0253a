namespace Livepeer.Protocol.Bonding;

/// <summary>
/// A transcoder (orchestrator) as BondingManager stores it, plus the project's slash bookkeeping
/// (<see cref="SlashCount"/>, <see cref="LastSlashRound"/>).
/// </summary>
public sealed record Transcoder
{
    /// <summary>Last round in which reward() was called.</summary>
    public long LastRewardRound { get; init; }
    /// <summary>Share of rewards kept by the transcoder (ppm).</summary>
    public long RewardCut { get; init; }
    /// <summary>Share of fees passed to delegators (ppm).</summary>
    public long FeeShare { get; init; }
    /// <summary>First round of activity (0 when never active).</summary>
    public long ActivationRound { get; init; }
    /// <summary>First round of inactivity.</summary>
    public long DeactivationRound { get; init; }
    /// <summary>Last round in which fees were credited.</summary>
    public long LastFeeRound { get; init; }
    /// <summary>Unclaimed commission rewards (and the rewards they earned).</summary>
    public UInt256 CumulativeRewards { get; init; }
    /// <summary>Unclaimed commission fees (and the fees earned by unclaimed rewards).</summary>
    public UInt256 CumulativeFees { get; init; }
    /// <summary><see cref="CumulativeRewards"/> as counted in the current round's stake.</summary>
    public UInt256 ActiveCumulativeRewards { get; init; }
    /// <summary>How many times this transcoder was slashed.</summary>
    public long SlashCount { get; init; }
    /// <summary>Last round in which it was slashed (it earns nothing more that round).</summary>
    public long LastSlashRound { get; init; }

    /// <summary>The empty transcoder record.</summary>
    public static Transcoder Empty { get; } = new();

    /// <summary>True when every field is zero (not stored).</summary>
    public bool IsEmpty => this == Empty;

    /// <summary>Active in <paramref name="round"/>: activationRound &lt;= round &lt; deactivationRound.</summary>
    public bool IsActiveIn(long round) => ActivationRound != 0 && ActivationRound <= round && round < DeactivationRound;
}
