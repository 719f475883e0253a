namespace Livepeer.Protocol.Governance;

/// <summary>
/// BondingVotes: per-account checkpoints of bonding state, and the total active stake of every initialized round, so
/// votes use the stake at the proposal's snapshot, not at vote time. Every call that changes a delegator record writes
/// one checkpoint effective next round (the contracts' startRound = currentRound + 1); lookups are a binary search.
/// </summary>
public static class VotingPowerHistory
{
    /// <summary>Writes checkpoints for the delegator records the call changed (called by the engine before commit).</summary>
    public static void Record(CallContext ctx, IEnumerable<Address> touched)
    {
        var s = ctx.State;
        var effective = ctx.CurrentRound + 1;
        foreach (var a in touched.Order())
        {
            var d = s.DelegatorOf(a);
            var cp = new VotingCheckpoint(effective, d.BondedAmount, d.DelegateAddress, d.DelegatedAmount, d.LastClaimRound,
                s.TranscoderOf(a).LastRewardRound, d.SlashIndex);
            var count = s.VotingCheckpointCounts.Get(a);
            if (count > 0 && s.VotingCheckpoints.Get((a, count - 1)) is { } last)
            {
                if (last with { Round = effective } == cp) continue;
                if (last.Round == effective)
                {
                    s.VotingCheckpoints.Set((a, count - 1), cp);
                    continue;
                }
            }
            s.VotingCheckpoints.Set((a, count), cp);
            s.VotingCheckpointCounts.Set(a, count + 1);
        }
    }

    /// <summary>checkpointTotalActiveStake: at initializeRound, the round's total active stake.</summary>
    public static void RecordTotalActiveStake(CallContext ctx) =>
        ctx.State.TotalActiveStakeCheckpoints.Set(ctx.CurrentRound, ctx.State.Totals.Value.CurrentRoundTotalActiveStake);

    /// <summary>The account's bonding state at the start of <paramref name="round"/> (null before its first bond).</summary>
    public static VotingCheckpoint? At(ProtocolState s, Address a, long round)
    {
        long lo = 0, hi = s.VotingCheckpointCounts.Get(a) - 1, found = -1;
        while (lo <= hi)
        {
            var mid = (lo + hi) / 2;
            if (s.VotingCheckpoints.Get((a, mid))!.Round <= round) { found = mid; lo = mid + 1; }
            else hi = mid - 1;
        }
        return found < 0 ? null : s.VotingCheckpoints.Get((a, found));
    }

    /// <summary>
    /// getBondingStateAt(account, round): the voting power at the start of <paramref name="round"/> and the delegate then.
    /// A registered transcoder votes its delegated stake; a delegator its LIP-36 stake including unclaimed rewards
    /// (bonded * CRF[delegate's lastRewardRound] / CRF[lastClaimRound], after the delegate's slashes before that round),
    /// or 0 when its delegate was not a registered transcoder.
    /// </summary>
    public static (UInt256 Power, Address Delegate) StateAt(ProtocolState s, Address a, long round)
    {
        var cp = At(s, a, round);
        if (cp is null) return (UInt256.Zero, Address.Zero);
        if (cp.BondedAmount.IsZero) return (UInt256.Zero, cp.DelegateAddress);
        if (cp.DelegateAddress == a) return (cp.DelegatedAmount, a);
        var delegateCp = At(s, cp.DelegateAddress, round);
        if (delegateCp is null || delegateCp.DelegateAddress != cp.DelegateAddress || delegateCp.BondedAmount.IsZero)
            return (UInt256.Zero, cp.DelegateAddress);
        var stake = cp.BondedAmount;
        var refCrf = PreciseFactor.OrOne(EarningsFactors.Stored(s, cp.DelegateAddress, cp.LastClaimRound).RewardFactor);
        for (var i = cp.SlashIndex; s.Slashes.Get((cp.DelegateAddress, i)) is { } slash && slash.Round < round; i++)
        {
            var slashCrf = PreciseFactor.OrOne(slash.CumulativeRewardFactor);
            stake = Ppm.Of(PreciseFactor.PercOf(stake, slashCrf, refCrf), Ppm.One - slash.Fraction);
            refCrf = slashCrf;
        }
        if (delegateCp.LastRewardRound < cp.LastClaimRound) return (stake, cp.DelegateAddress);
        var endCrf = PreciseFactor.OrOne(EarningsFactors.Stored(s, cp.DelegateAddress, delegateCp.LastRewardRound).RewardFactor);
        return (PreciseFactor.PercOf(stake, endCrf, refCrf), cp.DelegateAddress);
    }

    /// <summary>
    /// getTotalActiveStakeAt(round): the total active stake checkpointed at <paramref name="round"/>'s initializeRound, else
    /// that of the next initialized round, else the pool's stake now (nextRoundTotalActiveStake).
    /// </summary>
    public static UInt256 TotalActiveStakeAt(ProtocolState s, long round, long currentRound)
    {
        for (var r = round; r <= currentRound; r++)
            if (s.TotalActiveStakeCheckpoints.TryGet(r, out var stake)) return stake;
        return s.Totals.Value.NextRoundTotalActiveStake;
    }
}
