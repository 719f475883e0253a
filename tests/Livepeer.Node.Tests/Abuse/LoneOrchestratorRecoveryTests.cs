using System.Diagnostics;
using Livepeer.Core;
using Livepeer.Media.Segmenting;
using Livepeer.Media.Transcoding;
using Livepeer.Node.Orchestrator;
using Livepeer.Node.Selection;
using Livepeer.Node.Tests.Network;
using Livepeer.Protocol.Parameters;
using Microsoft.Extensions.Time.Testing;

namespace Livepeer.Node.Tests.Abuse;

/// <summary>
/// Recovery (issue 16): one failure of the only orchestrator used to cost a 30 s suspension of renditions. When nobody else
/// is left, a suspended orchestrator is retried after seconds (2 s, doubling per failure), while with others around it
/// stays suspended for the whole suspension.
/// </summary>
public sealed class LoneOrchestratorRecoveryTests
{
    private static OrchestratorCandidate Candidate(byte id, ulong stake) =>
        new(new Address(Enumerable.Repeat(id, 20).ToArray()), new Uri($"https://127.0.0.1:{9000 + id}"), stake, 1, 1);

    [Fact]
    public void ALoneSuspendedOrchestratorIsRetriedAfterSecondsThatDoubleWhileOthersWait()
    {
        var time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1_800_000_000));
        var options = new SelectionOptions();
        var suspensions = new SuspensionList(options, time);
        var selector = new OrchestratorSelector(options, suspensions, new Random(5));
        var lone = Candidate(1, 100);

        suspensions.Suspend(lone.Address);
        Assert.Null(selector.Select([lone]));
        time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(lone, selector.Select([lone])); // 2 s, not 30 s
        Assert.True(suspensions.IsSuspended(lone.Address)); // still suspended for when others come back
        suspensions.Suspend(lone.Address); // it failed again: next retry after 4 s
        time.Advance(TimeSpan.FromSeconds(3));
        Assert.Null(selector.Select([lone]));
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(lone, selector.Select([lone]));

        // With another orchestrator available, the failed one is not chosen for its whole suspension.
        var other = Candidate(2, 1);
        var failed = Candidate(3, 1_000_000);
        suspensions.Suspend(failed.Address);
        time.Advance(TimeSpan.FromSeconds(29));
        Assert.All(Enumerable.Range(0, 50), _ => Assert.Equal(other, selector.Select([failed, other])));
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.False(suspensions.IsSuspended(failed.Address));
    }

    /// <summary>Fails the first <paramref name="failures"/> segments, then answers at once.</summary>
    private sealed class FailingFirst(int failures) : IOrchestratorTranscoder
    {
        private readonly InstantSegmentTranscoder _inner = new();
        private int _calls;

        public Task<IReadOnlyList<TranscodedRendition>> TranscodeAsync(SegmentJob job, CancellationToken ct) =>
            Interlocked.Increment(ref _calls) <= failures ? throw new InvalidOperationException("the GPU fell over") : _inner.TranscodeAsync(job, ct);
    }

    [Fact]
    public async Task TheOnlyOrchestratorServesAgainSecondsAfterAFailure()
    {
        await using var network = await LocalNetwork.StartAsync(accounts: 1, seed: 167);
        var only = await network.StartOrchestratorAsync(network.Accounts[0], 500, new FailingFirst(1));
        await network.FundBroadcasterAsync();
        await network.NextRoundAsync();
        var broadcaster = network.Transcoder([LocalNetwork.Candidate(only, ProtocolParameters.Lpt(500))]);
        static MediaSegment Segment(long seq) => new("lone", seq, new byte[3000].Select((_, i) => (byte)(i + seq)).ToArray(), seq * 180_000, 180_000, false, new SegmentTracks("h264", "aac", 640, 360));

        await Assert.ThrowsAsync<TranscodeException>(() => broadcaster.TranscodeAsync(Segment(0), LocalNetwork.TinyLadder));
        var failedAt = Stopwatch.StartNew();
        // Right after the failure it is suspended (the source plays alone)...
        await Assert.ThrowsAsync<TranscodeException>(() => broadcaster.TranscodeAsync(Segment(1), LocalNetwork.TinyLadder));
        // ...and seconds later, segments are transcoded there again.
        TranscodeResult? result = null;
        for (var seq = 2; result is null && failedAt.Elapsed < TimeSpan.FromSeconds(20); seq++)
        {
            await Task.Delay(500);
            try { result = await broadcaster.TranscodeAsync(Segment(seq), LocalNetwork.TinyLadder); }
            catch (TranscodeException) { }
        }
        Assert.NotNull(result);
        Assert.True(failedAt.Elapsed < TimeSpan.FromSeconds(10), $"renditions came back after {failedAt.Elapsed}, not within seconds");
        Assert.Equal(LocalNetwork.TinyLadder.Count, result.Renditions.Count);
    }
}
