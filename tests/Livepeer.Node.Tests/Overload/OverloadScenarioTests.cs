using System.Text.Json.Nodes;
using Livepeer.Media.Profiles;
using Livepeer.Media.Transcoding;
using Livepeer.Node.Broadcaster;
using Livepeer.Node.Orchestrator;
using Livepeer.Node.Tests.Network;
using Livepeer.Protocol.Parameters;

namespace Livepeer.Node.Tests.Overload;

/// <summary>
/// Graceful overload, the cheap variant of bench/overload.sh: an orchestrator too slow for the full ladder (an injected
/// transcoder that takes time in proportion to the pixels asked for). Every segment of both streams is published, with
/// renditions or counted source-only with a reason; nobody is suspended; the broadcaster lightens the late ladders and says so.
/// </summary>
public sealed class OverloadScenarioTests
{
    private static readonly IReadOnlyList<VideoProfile> Ladder =
        [new("mid", 480, 270, 600_000, 30, 1, 2), new("low", 320, 180, 300_000, 30, 1, 2), new("tiny", 160, 90, 100_000, 30, 1, 2)];

    /// <summary>
    /// Answers with the source segment as every rendition (valid MPEG-TS, so the broadcaster publishes it) after 13 ms per 1008
    /// output pixels per frame: 2.6 s for the full ladder of a 2 s segment (late), 0.93 s without its top rendition (on time).
    /// </summary>
    private sealed class PixelBoundTranscoder : IOrchestratorTranscoder
    {
        public async Task<IReadOnlyList<TranscodedRendition>> TranscodeAsync(SegmentJob job, CancellationToken ct)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(job.Profiles.Sum(p => (long)p.Width * p.Height) * 13 / 1008), ct);
            return job.Profiles.Select(p => new TranscodedRendition(p.Name, job.Data,
                InstantSegmentTranscoder.PixelsOf(p.Width, p.Height, 30, job.Duration), "video/mp2t")).ToList();
        }
    }

    [Fact]
    public async Task TwoStreamsTooHeavyForTheOrchestratorArePublishedWholeWithALighterLadderAndNoSuspension()
    {
        await using var network = await LocalNetwork.StartAsync(accounts: 1, seed: 153);
        var orchestrator = await network.StartOrchestratorAsync(network.Accounts[0], 500, new PixelBoundTranscoder());
        await network.FundBroadcasterAsync(deposit: 5, reserve: 5);
        await network.NextRoundAsync();
        var broadcaster = await network.StartBroadcasterAsync(Ladder);
        var changes = new System.Collections.Concurrent.ConcurrentQueue<(string Stream, LadderState State, bool Lightened)>();
        broadcaster.Network!.Governor.Changed += (stream, state, lightened) => changes.Enqueue((stream, state, lightened));

        string[] streams = ["one", "two"];
        var publishers = streams.Select(s => LocalNetwork.Publish(broadcaster.RtmpPort, s, 16, "320x180")).ToList();
        using var http = new HttpClient { BaseAddress = broadcaster.HttpAddress };
        var statusSaidDropped = false;
        var lastStatus = "";
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            var text = await http.GetStringAsync("api/status");
            var status = JsonNode.Parse(text)!;
            if (status["streams"]!.AsArray().Count > 0) lastStatus = text;
            statusSaidDropped |= status["streams"]!.AsArray().Any(s => s!["ladder"]?["dropped"]?.AsArray().Any(d => (string?)d == "mid") == true);
            var ended = 0;
            foreach (var s in streams)
            {
                using var r = await http.GetAsync($"hls/{s}/tiny/index.m3u8");
                if (r.IsSuccessStatusCode && (await r.Content.ReadAsStringAsync()).Contains("#EXT-X-ENDLIST", StringComparison.Ordinal)) ended++;
            }
            if (ended == streams.Length && publishers.All(p => p.HasExited)) break;
            await Task.Delay(300);
        }
        Assert.All(publishers, p => Assert.Equal(0, p.ExitCode));

        foreach (var s in streams)
        {
            var source = Listed(await http.GetStringAsync($"hls/{s}/source/index.m3u8"));
            var tiny = Listed(await http.GetStringAsync($"hls/{s}/tiny/index.m3u8"));
            var mid = Listed(await http.GetStringAsync($"hls/{s}/mid/index.m3u8"));
            var outcome = broadcaster.Outcomes.For(s);
            Assert.True(source >= 6, $"{s}: {source} source segments");
            // Every segment is accounted for: transcoded into every rendition still in the ladder, or source-only for being late
            // (skipped while earlier ones were still in transcoding, or timed out on a loaded machine), never failed or refused.
            Assert.Equal(source, outcome.Total);
            Assert.True(outcome.SourceOnly.Keys.All(r => r is SourceOnlyReason.Late or SourceOnlyReason.Timeout),
                $"{s}: source-only {string.Join(", ", outcome.SourceOnly.Select(r => $"{r.Key}: {r.Value}"))}");
            Assert.True(outcome.Transcoded >= source - 3, $"{s}: {outcome.Transcoded} of {source} transcoded");
            Assert.Equal(outcome.Transcoded, tiny);
            Assert.InRange(mid, 1, tiny - 1); // mid was left out once the stream fell behind, and stayed out
            Assert.Contains(changes, c => c.Stream == s && c.Lightened && c.State.Dropped.SequenceEqual(["mid"]));
        }
        Assert.True(statusSaidDropped, $"/api/status never showed the dropped rendition; last: {lastStatus}");
        Assert.Empty(broadcaster.Network.Suspensions.Current());
        Assert.Equal(0, Assert.Single(broadcaster.Network.Stats).Value.Failures);
        // At least once per stream (a loaded machine may make it leave out low too, after segments skipped while others waited).
        Assert.True(broadcaster.Metrics.LadderChanges.WithLabels("lightened").Value >= 2);
    }

    // Segments ever listed in a media playlist: the live window's first media sequence number plus the segments in it.
    private static int Listed(string playlist)
    {
        var lines = playlist.Split('\n');
        var first = lines.FirstOrDefault(l => l.StartsWith("#EXT-X-MEDIA-SEQUENCE:", StringComparison.Ordinal)) is { } m
            ? int.Parse(m["#EXT-X-MEDIA-SEQUENCE:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture) : 0;
        return first + lines.Count(l => l.StartsWith("#EXTINF", StringComparison.Ordinal));
    }

    /// <summary>Takes longer than the broadcaster's request timeout (8 s) on its first segment, then answers at once.</summary>
    private sealed class SlowOnce : IOrchestratorTranscoder
    {
        private readonly InstantSegmentTranscoder _inner = new();
        private int _calls;

        public async Task<IReadOnlyList<TranscodedRendition>> TranscodeAsync(SegmentJob job, CancellationToken ct)
        {
            if (Interlocked.Increment(ref _calls) == 1)
            {
                try { await Task.Delay(TimeSpan.FromSeconds(9), ct); }
                catch (OperationCanceledException) { }
            }
            return await _inner.TranscodeAsync(job, ct);
        }
    }

    [Fact]
    public async Task AnOrchestratorThatTimesOutOnceIsNotSuspendedAndTranscodesTheNextSegment()
    {
        await using var network = await LocalNetwork.StartAsync(accounts: 1, seed: 157);
        var only = await network.StartOrchestratorAsync(network.Accounts[0], 500, new SlowOnce());
        await network.FundBroadcasterAsync();
        await network.NextRoundAsync();
        var metrics = new BroadcasterMetrics();
        var broadcaster = network.Transcoder([LocalNetwork.Candidate(only, ProtocolParameters.Lpt(500))], metrics: metrics);

        var late = await Assert.ThrowsAsync<TranscodeException>(() => broadcaster.TranscodeAsync(OrchestratorCapacityTests.Segment("s", 0), LocalNetwork.TinyLadder));
        Assert.Equal("timeout", Assert.IsType<OrchestratorCallException>(late.InnerException).Reason);
        Assert.Equal(SourceOnlyReason.Timeout, SourceOnlyReasons.Of(new Livepeer.Media.Pipeline.PipelineResult(OrchestratorCapacityTests.Segment("s", 0), null, late)));
        Assert.Empty(broadcaster.Suspensions.Current()); // slow once is no fault
        Assert.Empty(metrics.Suspensions.GetAllLabelValues());
        var next = await broadcaster.TranscodeAsync(OrchestratorCapacityTests.Segment("s", 1), LocalNetwork.TinyLadder);
        Assert.Equal(LocalNetwork.TinyLadder.Count, next.Renditions.Count);
        Assert.Equal(1, broadcaster.Stats[only.Core.Address].Segments);
    }
}
