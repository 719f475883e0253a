using Livepeer.Core;
using Livepeer.Protocol.Engine;
using Livepeer.Protocol.State;

namespace Livepeer.Protocol.Governance;

/// <summary>
/// Per-account checkpoints of bonding state so votes use the stake at the proposal's snapshot round, not at vote time:
/// stake moved after the snapshot cannot vote twice. Every call that changes a delegator record writes one checkpoint
/// (effective next round, as bonding changes are); lookups are a binary search.
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
            var cp = new VotingCheckpoint(effective, d.BondedAmount, d.DelegateAddress, d.DelegatedAmount);
            var count = s.VotingCheckpointCounts.Get(a);
            if (count > 0 && s.VotingCheckpoints.Get((a, count - 1)) is { } last)
            {
                if (last == cp) continue;
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

    /// <summary>True when the account was a registered transcoder at the start of <paramref name="round"/>.</summary>
    public static bool WasTranscoder(ProtocolState s, Address a, long round) =>
        At(s, a, round) is { } cp && cp.DelegateAddress == a && !cp.BondedAmount.IsZero;

    /// <summary>
    /// Voting power at the start of <paramref name="round"/>: a transcoder votes its delegated stake, a delegator its
    /// bonded stake (as last claimed).
    /// </summary>
    public static UInt256 PowerAt(ProtocolState s, Address a, long round)
    {
        var cp = At(s, a, round);
        if (cp is null || cp.DelegateAddress.IsZero) return UInt256.Zero;
        return cp.DelegateAddress == a && !cp.BondedAmount.IsZero ? cp.DelegatedAmount : cp.BondedAmount;
    }
}
