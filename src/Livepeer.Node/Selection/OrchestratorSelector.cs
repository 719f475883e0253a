using System.Numerics;
using Livepeer.Core;

namespace Livepeer.Node.Selection;

/// <summary>
/// Chooses an orchestrator for a new session: among candidates within the price cap, not suspended and not excluded,
/// P(i) = w * stake_i / total stake + (1 - w) / n with w = 0.7 by default. Exact integer weights, so a seeded random
/// source gives reproducible choices. When every candidate within the cap is suspended, those due for a short retry
/// (<see cref="SuspensionList.IsDueForRetry"/>) are chosen from instead, so a lone orchestrator comes back within seconds.
/// </summary>
public sealed class OrchestratorSelector(SelectionOptions options, SuspensionList suspensions, Random random)
{
    /// <summary>Candidates that pass the price cap and are not suspended or excluded.</summary>
    public IReadOnlyList<OrchestratorCandidate> Eligible(IEnumerable<OrchestratorCandidate> candidates, IReadOnlySet<Address>? exclude = null) =>
        candidates
            .Where(WithinCap(options.MaxPrice))
            .Where(c => !suspensions.IsSuspended(c.Address))
            .Where(c => exclude is null || !exclude.Contains(c.Address))
            .ToList();

    // The cap read once per choice, so a change at runtime applies to a whole choice.
    private static Func<OrchestratorCandidate, bool> WithinCap(Payments.PixelPrice? cap) =>
        c => cap is not { } max || c.PriceAtMost(max.PricePerUnit, max.PixelsPerUnit);

    /// <summary>
    /// Integer weights proportional to the selection probabilities: weight_i = w% * stake_i * n + (100 - w%) * totalStake,
    /// i.e. the probability times 100 * n * totalStake. With zero total stake every candidate weighs the same.
    /// </summary>
    public static IReadOnlyList<BigInteger> Weights(IReadOnlyList<OrchestratorCandidate> eligible, int stakeWeightPercent)
    {
        var n = eligible.Count;
        var total = eligible.Aggregate(BigInteger.Zero, (sum, c) => sum + c.Stake.Value);
        if (total.IsZero) return eligible.Select(_ => BigInteger.One).ToList();
        return eligible.Select(c => stakeWeightPercent * c.Stake.Value * n + (100 - stakeWeightPercent) * total).ToList();
    }

    /// <summary>Picks one eligible candidate, or null when none is eligible.</summary>
    public OrchestratorCandidate? Select(IEnumerable<OrchestratorCandidate> candidates, IReadOnlySet<Address>? exclude = null)
    {
        var all = candidates as IReadOnlyCollection<OrchestratorCandidate> ?? candidates.ToList();
        var eligible = Eligible(all, exclude);
        if (eligible.Count == 0)
            eligible = all
                .Where(WithinCap(options.MaxPrice))
                .Where(c => suspensions.IsDueForRetry(c.Address))
                .Where(c => exclude is null || !exclude.Contains(c.Address))
                .ToList();
        if (eligible.Count == 0) return null;
        var weights = Weights(eligible, options.StakeWeightPercent);
        var total = weights.Aggregate(BigInteger.Zero, (a, b) => a + b);
        var pick = UniformBelow(total);
        for (var i = 0; i < eligible.Count; i++)
        {
            if (pick < weights[i]) return eligible[i];
            pick -= weights[i];
        }
        return eligible[^1];
    }

    /// <summary>A uniform integer in [0, bound) by rejection sampling, so large stakes do not bias the choice.</summary>
    private BigInteger UniformBelow(BigInteger bound)
    {
        var bytes = bound.GetByteCount(isUnsigned: true) + 1;
        var buffer = new byte[bytes];
        var bits = (int)bound.GetBitLength();
        while (true)
        {
            random.NextBytes(buffer);
            var value = new BigInteger(buffer, isUnsigned: true) & ((BigInteger.One << bits) - 1);
            if (value < bound) return value;
        }
    }
}
