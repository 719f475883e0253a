using Livepeer.Core;
using Livepeer.Protocol.Engine;
using Livepeer.Protocol.Parameters;
using Livepeer.Protocol.State;

namespace Livepeer.Protocol.Bonding;

/// <summary>
/// LIP-36 cumulative factors. A transcoder's factors only change in rounds where it earns (reward, fees) or is
/// slashed; <see cref="Transcoder.LastFactorRound"/> points at the latest pool holding them. Before anything records
/// round r (a claim through r, a bond starting after r, a reward or fees in r), <see cref="Checkpoint"/> copies the
/// latest factors into the pools of r-1 and r, so every later lookup is a single read: a claim costs the same after
/// 1 or 10,000 rounds. This is the contracts' lastRewardRound/lastFeeRound copy-forward, done eagerly.
/// </summary>
public static class EarningsFactors
{
    /// <summary>The transcoder's latest (reward factor, fee factor); (1e27, 0) before any earnings.</summary>
    public static (UInt256 RewardFactor, UInt256 FeeFactor) Latest(ProtocolState s, Address transcoder)
    {
        var round = s.TranscoderOf(transcoder).LastFactorRound;
        if (round == 0) return (PreciseFactor.One, UInt256.Zero);
        var pool = s.PoolOf(transcoder, round);
        return (pool.RewardFactorOrOne, pool.CumulativeFeeFactor);
    }

    /// <summary>The factors the pool of <paramref name="round"/> holds (valid once checkpointed).</summary>
    public static (UInt256 RewardFactor, UInt256 FeeFactor) At(ProtocolState s, Address transcoder, long round)
    {
        if (round < 1) return (PreciseFactor.One, UInt256.Zero);
        var pool = s.PoolOf(transcoder, round);
        return (pool.RewardFactorOrOne, pool.CumulativeFeeFactor);
    }

    /// <summary>Copies the latest factors into the pools of the previous and the current round (once per round).</summary>
    public static void Checkpoint(CallContext ctx, Address transcoder)
    {
        var s = ctx.State;
        var round = ctx.CurrentRound;
        var t = s.TranscoderOf(transcoder);
        if (t.LastFactorRound == round) return;
        var (crf, cff) = Latest(s, transcoder);
        if (round - 1 >= 1 && t.LastFactorRound < round - 1) SetFactors(s, transcoder, round - 1, crf, cff);
        SetFactors(s, transcoder, round, crf, cff);
        s.Transcoders.Set(transcoder, t with { LastFactorRound = round });
    }

    private static void SetFactors(ProtocolState s, Address transcoder, long round, UInt256 crf, UInt256 cff) =>
        s.EarningsPools.Set((transcoder, round), s.PoolOf(transcoder, round) with { CumulativeRewardFactor = crf, CumulativeFeeFactor = cff });
}
