using Livepeer.Media.Profiles;
using Livepeer.Media.Transcoding;
using Livepeer.Node.Orchestrator.Capacity;
using Livepeer.Node.Transcoding;

namespace Livepeer.Node.Tests.Overload;

/// <summary>`--max-sessions auto`: concurrent rounds until the slowest transcode breaks the 0.8 real-time rule.</summary>
public sealed class CapacityEstimatorTests
{
    [Fact]
    public void TheRuleIsEightyPercentOfTheSegmentInWholeMilliseconds()
    {
        Assert.True(RealTimeRule.Keeps(1600, 2000));
        Assert.False(RealTimeRule.Keeps(1601, 2000));
        Assert.Equal(81, RealTimeRule.Percent(1601, 2000)); // rounded up: never looks better than it was
        Assert.False(RealTimeRule.Keeps(0, 0));
    }

    [Fact]
    public async Task SessionsAreTheMostConcurrentTranscodesThatAllKeepWithinTheRule()
    {
        // 500 ms alone, 500 ms more per extra session: 1 -> 500, 2 -> 1000, 3 -> 1500 (keeps), 4 -> 2000 (breaks) for 2 s.
        var asked = new List<int>();
        var lines = new List<string>();
        var measured = await CapacityEstimator.MeasureAsync((n, _) => { asked.Add(n); return Task.FromResult(500L * n); }, 2000, 16, "test ladder",
            new LineProgress(lines.Add), CancellationToken.None);
        Assert.Equal([1, 2, 3, 4], asked); // stops at the first round that breaks the rule
        Assert.Equal(3, measured.Sessions);
        Assert.True(measured.RealTime);
        Assert.Equal(75, measured.RealTimePercentAtCapacity);
        Assert.Contains(lines, l => l.Contains("4 session(s)", StringComparison.Ordinal) && l.Contains("breaks", StringComparison.Ordinal));
        Assert.Contains("Capacity: 3 session(s)", lines[^1]);

        // The limit caps the rounds.
        var capped = await CapacityEstimator.MeasureAsync((n, _) => Task.FromResult(10L * n), 2000, 5, "cheap", null, CancellationToken.None);
        Assert.Equal(5, capped.Sessions);
        Assert.Equal(5, capped.Trials.Count);

        // Not even one session in real time: it serves one and says so.
        var slow = await CapacityEstimator.MeasureAsync((n, _) => Task.FromResult(5000L * n), 2000, 16, "heavy", new LineProgress(lines.Add), CancellationToken.None);
        Assert.Equal(0, slow.RealTimeSessions);
        Assert.Equal(1, slow.Sessions);
        Assert.False(slow.RealTime);
        Assert.Single(slow.Trials);
        Assert.Contains("cannot transcode even one session", lines[^1]);
    }

    [Fact]
    public async Task TheProbeTranscodesALavfiSegmentWithTheNodesOwnTranscoder()
    {
        var counting = new CountingTranscoder(new LocalSegmentTranscoder(new FfmpegTranscoder()));
        var lines = new List<string>();
        var measured = await CapacityProbe.MeasureAsync(counting, [new VideoProfile("tiny", 160, 90, 100_000, 15, 1, 1)], new LineProgress(lines.Add),
            CancellationToken.None, width: 320, height: 180, seconds: 1, limit: 2);
        Assert.InRange(measured.Trials.Count, 1, 2);
        Assert.All(measured.Trials, t => Assert.True(t.SlowestMs > 0 && t.SegmentMs == 1000));
        // One warm-up, then 1 (and 2 when the first kept up) transcodes at once.
        Assert.Equal(1 + measured.Trials.Sum(t => t.Concurrency), counting.Jobs);
        Assert.Equal(measured.Trials.TakeWhile(t => t.KeepsUp).Count(), measured.RealTimeSessions);
        Assert.Contains(lines, l => l.StartsWith("Measuring capacity for 320x180p30 -> tiny", StringComparison.Ordinal));
        Assert.StartsWith("Capacity:", lines[^1]);
    }

    private sealed class CountingTranscoder(Livepeer.Node.Orchestrator.IOrchestratorTranscoder inner) : Livepeer.Node.Orchestrator.IOrchestratorTranscoder
    {
        private int _jobs;
        public int Jobs => _jobs;

        public Task<IReadOnlyList<Livepeer.Node.Orchestrator.TranscodedRendition>> TranscodeAsync(Livepeer.Node.Orchestrator.SegmentJob job, CancellationToken ct)
        {
            Interlocked.Increment(ref _jobs);
            return inner.TranscodeAsync(job, ct);
        }
    }
}
