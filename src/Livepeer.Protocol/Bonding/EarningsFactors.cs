namespace Livepeer.Protocol.Bonding;

/// <summary>
/// LIP-36 cumulative factors stored exactly as the contracts store them: a pool's factors are written by reward()
/// and fees in its round, or copied forward by <see cref="EnsureInitialized"/> when a delegator claims through (or bonds
/// in) a round; any other pool keeps 0, and lookups fall back to the pool of lastRewardRound / lastFeeRound. Which
/// pools hold factors decides the missed-reward fee estimate (BondingManager.UpdateTranscoderWithFees), so the storage
/// follows the contracts' to the slot. Every lookup is one or two reads: a claim costs the same after 1 or 10,000 rounds.
/// </summary>
public static class EarningsFactors
{
    /// <summary>cumulativeFactorsPool(t, round): the factors stored in the pool of <paramref name="round"/> (0 when never written).</summary>
    public static (UInt256 RewardFactor, UInt256 FeeFactor) Stored(ProtocolState s, Address transcoder, long round)
    {
        var pool = s.PoolOf(transcoder, round);
        return (pool.CumulativeRewardFactor, pool.CumulativeFeeFactor);
    }

    /// <summary>
    /// latestCumulativeFactorsPool(t, round): the stored factors of <paramref name="round"/>; a reward factor of 0 falls back
    /// to the pool of lastRewardRound when that is earlier, a fee factor of 0 to the pool of lastFeeRound when earlier.
    /// </summary>
    public static (UInt256 RewardFactor, UInt256 FeeFactor) Latest(ProtocolState s, Address transcoder, long round)
    {
        var t = s.TranscoderOf(transcoder);
        var (crf, cff) = Stored(s, transcoder, round);
        if (crf.IsZero && t.LastRewardRound < round) crf = Stored(s, transcoder, t.LastRewardRound).RewardFactor;
        if (cff.IsZero && t.LastFeeRound < round) cff = Stored(s, transcoder, t.LastFeeRound).FeeFactor;
        return (crf, cff);
    }

    /// <summary>
    /// ensureInitializedCumulativeFactorsPool(t, currentRound): copies the factors of lastRewardRound / lastFeeRound into the
    /// current round's pool where it has none yet, so a claim through this round has its start factors.
    /// </summary>
    public static void EnsureInitialized(CallContext ctx, Address transcoder)
    {
        var s = ctx.State;
        var round = ctx.CurrentRound;
        var t = s.TranscoderOf(transcoder);
        var pool = s.PoolOf(transcoder, round);
        var updated = pool;
        if (pool.CumulativeRewardFactor.IsZero && t.LastRewardRound < round)
            updated = updated with { CumulativeRewardFactor = Stored(s, transcoder, t.LastRewardRound).RewardFactor };
        if (pool.CumulativeFeeFactor.IsZero && t.LastFeeRound < round)
            updated = updated with { CumulativeFeeFactor = Stored(s, transcoder, t.LastFeeRound).FeeFactor };
        if (updated != pool) s.EarningsPools.Set((transcoder, round), updated);
    }
}
