using System.Numerics;
using Livepeer.Core;
using Livepeer.Node.Selection;
using Microsoft.Extensions.Time.Testing;

namespace Livepeer.Node.Tests.Selection;

public class OrchestratorSelectorTests
{
    private static readonly FakeTimeProvider Time = new(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000));

    private static OrchestratorCandidate Candidate(byte id, ulong stake, ulong price = 1, ulong pixels = 1) =>
        new(new Address(Enumerable.Repeat(id, 20).ToArray()), new Uri($"https://127.0.0.1:{8935 + id}"), stake, price, pixels);

    private static (OrchestratorSelector Selector, SuspensionList Suspensions) Make(SelectionOptions? options = null, int seed = 42)
    {
        options ??= new SelectionOptions();
        var suspensions = new SuspensionList(options, Time);
        return (new OrchestratorSelector(options, suspensions, new Random(seed)), suspensions);
    }

    [Fact]
    public void WeightsAreSeventyPercentStakeShareAndThirtyPercentUniform()
    {
        // stakes 300 and 100: P = 0.7 * 0.75 + 0.3 * 0.5 = 0.675 and 0.7 * 0.25 + 0.15 = 0.325.
        var weights = OrchestratorSelector.Weights([Candidate(1, 300), Candidate(2, 100)], 70);
        Assert.Equal([new BigInteger(54_000), new BigInteger(26_000)], weights);
        Assert.Equal([BigInteger.One, BigInteger.One], OrchestratorSelector.Weights([Candidate(1, 0), Candidate(2, 0)], 70));
    }

    [Fact]
    public void ChoicesFollowTheProbabilitiesOverManyDraws()
    {
        var (selector, _) = Make();
        OrchestratorCandidate[] candidates = [Candidate(1, 600), Candidate(2, 300), Candidate(3, 100)];
        var counts = new Dictionary<byte, int> { [1] = 0, [2] = 0, [3] = 0 };
        const int draws = 20_000;
        for (var i = 0; i < draws; i++) counts[selector.Select(candidates)!.Address.Bytes[0]]++;
        // expected: 0.7*0.6+0.1 = 0.52, 0.7*0.3+0.1 = 0.31, 0.7*0.1+0.1 = 0.17; 4 standard deviations is under 0.015.
        Assert.InRange(counts[1] / (double)draws, 0.505, 0.535);
        Assert.InRange(counts[2] / (double)draws, 0.295, 0.325);
        Assert.InRange(counts[3] / (double)draws, 0.155, 0.185);
    }

    [Fact]
    public void TheSameSeedGivesTheSameChoices()
    {
        OrchestratorCandidate[] candidates = [Candidate(1, 5), Candidate(2, 7), Candidate(3, 11)];
        var a = Make(seed: 7).Selector;
        var b = Make(seed: 7).Selector;
        Assert.Equal(Enumerable.Range(0, 50).Select(_ => a.Select(candidates)!.Address), Enumerable.Range(0, 50).Select(_ => b.Select(candidates)!.Address));
    }

    [Fact]
    public void PriceCapIsComparedExactly()
    {
        // cap 3 wei per 2 pixels = 1.5 wei/pixel; 1499/1000 passes, 1501/1000 does not, 3/2 passes exactly.
        var (selector, _) = Make(new SelectionOptions { MaxPricePerUnit = 3, MaxPixelsPerUnit = 2 });
        var cheap = Candidate(1, 1, 1499, 1000);
        var equal = Candidate(2, 1, 3, 2);
        var dear = Candidate(3, 1_000_000, 1501, 1000);
        Assert.Equal([cheap, equal], selector.Eligible([cheap, equal, dear]));
    }

    [Fact]
    public void SuspendedAndExcludedOrchestratorsAreNotChosenUntilTheSuspensionEnds()
    {
        var options = new SelectionOptions { BaseSuspension = TimeSpan.FromSeconds(10), MaxSuspension = TimeSpan.FromSeconds(25) };
        var (selector, suspensions) = Make(options);
        var a = Candidate(1, 1_000_000);
        var b = Candidate(2, 1);
        suspensions.Suspend(a.Address);
        Assert.All(Enumerable.Range(0, 100), _ => Assert.Equal(b, selector.Select([a, b])));
        Assert.Null(selector.Select([a, b], new HashSet<Address> { b.Address }));

        Time.Advance(TimeSpan.FromSeconds(10));
        Assert.False(suspensions.IsSuspended(a.Address));
        // Each further failure doubles the suspension, up to the cap: 20 s, then 25 s (not 40).
        Assert.Equal(Time.GetUtcNow() + TimeSpan.FromSeconds(20), suspensions.Suspend(a.Address));
        Assert.Equal(Time.GetUtcNow() + TimeSpan.FromSeconds(25), suspensions.Suspend(a.Address));
        Assert.Single(suspensions.Current());
        suspensions.Clear(a.Address);
        Assert.False(suspensions.IsSuspended(a.Address));
        Assert.Equal(Time.GetUtcNow() + TimeSpan.FromSeconds(10), suspensions.Suspend(a.Address));
    }

    [Fact]
    public void NoCandidatesGivesNull() => Assert.Null(Make().Selector.Select([]));

    [Theory]
    [InlineData(1500, 2000, 75, true)]
    [InlineData(2000, 2000, 100, true)]
    [InlineData(2001, 2000, 100, false)]
    [InlineData(100, 0, long.MaxValue, false)]
    public void LatencyScoreDecidesSessionReuse(int roundTripMs, int durationMs, long percent, bool reuse)
    {
        Assert.Equal(percent, LatencyScore.Percent(TimeSpan.FromMilliseconds(roundTripMs), TimeSpan.FromMilliseconds(durationMs)));
        Assert.Equal(reuse, LatencyScore.AllowsReuse(TimeSpan.FromMilliseconds(roundTripMs), TimeSpan.FromMilliseconds(durationMs), 100));
    }

    [Fact]
    public void OptionsAreValidated()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SelectionOptions { StakeWeightPercent = 101 }.Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new SelectionOptions { MaxPixelsPerUnit = UInt256.Zero }.Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new SelectionOptions { MaxAttemptsPerSegment = 0 }.Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new SelectionOptions { BaseSuspension = TimeSpan.FromMinutes(20) }.Validate());
        new SelectionOptions().Validate();
    }
}
