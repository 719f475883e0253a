using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Livepeer.Media.Profiles;
using Livepeer.Media.Transcoding;
using Livepeer.Node.Broadcaster;
using Livepeer.Node.Orchestrator;
using Livepeer.Node.Transcoding;

namespace Livepeer.Node.Bench.Network;

/// <summary>
/// Two concurrent 1080p30 streams with the default ladder, published live over RTMP to a broadcaster and transcoded by
/// one orchestrator with real ffmpeg: prints each segment's transcode wall time over its duration (the real-time ratio).
/// </summary>
public static class ConcurrentStreams
{
    /// <summary>Runs once with <paramref name="seconds"/> of content per stream.</summary>
    public static async Task RunAsync(int seconds)
    {
        var timed = new TimedTranscoder(new LocalSegmentTranscoder(new FfmpegTranscoder()));
        await using var network = await BenchNetwork.StartAsync(timed);
        await using var broadcaster = await BroadcasterNode.StartAsync(network.BroadcasterKey, new BroadcasterNodeOptions
        {
            ChainRpc = network.Ledger.RpcUri, RtmpPort = 0, HttpPort = 0, Profiles = VideoProfilePresets.DefaultLadder,
        }, TimeProvider.System);
        var clock = Stopwatch.StartNew();
        var publishers = new[] { "one", "two" }.Select(stream => Process.Start(new ProcessStartInfo("ffmpeg",
            ["-v", "error", "-re", "-f", "lavfi", "-i", "testsrc2=size=1920x1080:rate=30", "-f", "lavfi", "-i", "sine=frequency=440",
             "-t", seconds.ToString(CultureInfo.InvariantCulture), "-c:v", "libx264", "-preset", "ultrafast", "-g", "60", "-keyint_min", "60",
             "-sc_threshold", "0", "-c:a", "aac", "-f", "flv", $"rtmp://127.0.0.1:{broadcaster.RtmpPort}/live/{stream}"]) { RedirectStandardError = true })!).ToList();
        foreach (var p in publishers) await p.WaitForExitAsync();
        var published = clock.Elapsed;
        using var http = new HttpClient { BaseAddress = broadcaster.HttpAddress };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(seconds * 6 + 30);
        while (DateTime.UtcNow < deadline)
        {
            var done = 0;
            foreach (var stream in new[] { "one", "two" })
            {
                using var r = await http.GetAsync($"hls/{stream}/{VideoProfilePresets.DefaultLadder[^1].Name}/index.m3u8");
                if (r.IsSuccessStatusCode && (await r.Content.ReadAsStringAsync()).Contains("#EXT-X-ENDLIST", StringComparison.Ordinal)) done++;
            }
            if (done == 2) break;
            await Task.Delay(200);
        }
        var finished = clock.Elapsed;
        var ratios = timed.Jobs.Select(j => j.Wall.TotalSeconds / j.Duration.TotalSeconds).OrderBy(x => x).ToList();
        Console.WriteLine($"segments transcoded: {ratios.Count} (2 streams x {seconds} s, ladder {string.Join(",", VideoProfilePresets.DefaultLadder.Select(p => p.Name))})");
        if (ratios.Count > 0)
        {
            Console.WriteLine(FormattableString.Invariant($"real-time ratio per segment (transcode wall / segment duration): mean {ratios.Average():F2}, median {ratios[ratios.Count / 2]:F2}, max {ratios[^1]:F2}"));
            Console.WriteLine(FormattableString.Invariant($"total transcode wall {timed.Jobs.Sum(j => j.Wall.TotalSeconds):F1} s for {timed.Jobs.Sum(j => j.Duration.TotalSeconds):F1} s of content"));
        }
        Console.WriteLine(FormattableString.Invariant($"publishing took {published.TotalSeconds:F1} s; last rendition published {(finished - published).TotalSeconds:F1} s after the publishers ended"));
        foreach (var (address, stats) in broadcaster.Network!.Stats)
            Console.WriteLine(FormattableString.Invariant($"orchestrator {address}: {stats.Segments} segments, {stats.Failures} failures ({string.Join(", ", stats.FailuresByReason.Select(r => $"{r.Key}: {r.Value}"))})"));
    }

    /// <summary>Times each transcode on the orchestrator.</summary>
    private sealed class TimedTranscoder(IOrchestratorTranscoder inner) : IOrchestratorTranscoder
    {
        public ConcurrentQueue<(TimeSpan Wall, TimeSpan Duration)> Jobs { get; } = new();

        public async Task<IReadOnlyList<TranscodedRendition>> TranscodeAsync(SegmentJob job, CancellationToken ct)
        {
            var clock = Stopwatch.StartNew();
            var result = await inner.TranscodeAsync(job, ct);
            Jobs.Enqueue((clock.Elapsed, job.Duration));
            return result;
        }
    }
}
