using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Livepeer.Media.Profiles;
using Livepeer.Media.Transcoding;
using Livepeer.Node.Broadcaster;
using Livepeer.Node.Orchestrator;
using Livepeer.Node.Orchestrator.Capacity;
using Livepeer.Node.Transcoding;

namespace Livepeer.Node.Bench.Network;

/// <summary>
/// Graceful overload (issue 15 item 4): two live 1920x1080 streams published over RTMP for <c>seconds</c> each to a broadcaster
/// with the default ladder, one orchestrator transcoding with real ffmpeg on this machine. Prints, as a Markdown report, every
/// segment's fate per stream (transcoded, or source-only by reason), suspensions, and when the ladder was lightened or restored.
/// </summary>
public static class OverloadRun
{
    /// <summary>Runs once; <paramref name="sessions"/> is the orchestrator's capacity, or "auto" to measure it first.</summary>
    public static async Task RunAsync(int seconds, string sessions)
    {
        var local = new LocalSegmentTranscoder(new FfmpegTranscoder());
        var ladder = VideoProfilePresets.DefaultLadder;
        CapacityMeasurement? measured = null;
        if (sessions == "auto")
            measured = await CapacityProbe.MeasureAsync(local, ladder, new LineProgress(l => Console.Error.WriteLine(l)), CancellationToken.None);
        var capacity = measured?.Sessions ?? int.Parse(sessions, CultureInfo.InvariantCulture);
        await using var network = await BenchNetwork.StartAsync(local, new OrchestratorServingOptions { MaxSessions = capacity, MeasuredCapacity = measured });
        await using var broadcaster = await BroadcasterNode.StartAsync(network.BroadcasterKey, new BroadcasterNodeOptions
        {
            ChainRpc = network.Ledger.RpcUri, RtmpPort = 0, HttpPort = 0, Profiles = ladder, EndedStreamRetention = TimeSpan.FromMinutes(10),
        }, TimeProvider.System);
        var clock = Stopwatch.StartNew();
        var changes = new ConcurrentQueue<string>();
        broadcaster.Network!.Governor.Changed += (stream, state, lightened) => changes.Enqueue(FormattableString.Invariant(
            $"| {clock.Elapsed.TotalSeconds:F1} s | {stream} | {(lightened ? "lightened" : "restored")} | [{string.Join(",", state.Dropped)}] | {state.Reason ?? ""} |"));
        string[] streams = ["one", "two"];
        var publishers = streams.Select(stream => Process.Start(new ProcessStartInfo("ffmpeg",
            ["-v", "error", "-re", "-f", "lavfi", "-i", "testsrc2=size=1920x1080:rate=30", "-f", "lavfi", "-i", "sine=frequency=440",
             "-t", seconds.ToString(CultureInfo.InvariantCulture), "-c:v", "libx264", "-preset", "ultrafast", "-g", "60", "-keyint_min", "60",
             "-sc_threshold", "0", "-c:a", "aac", "-f", "flv", $"rtmp://127.0.0.1:{broadcaster.RtmpPort}/live/{stream}"]) { RedirectStandardError = true })!).ToList();
        // Players: poll each source playlist every second and note the longest time it did not advance while live.
        var stalls = streams.ToDictionary(s => s, _ => TimeSpan.Zero);
        using var http = new HttpClient { BaseAddress = broadcaster.HttpAddress };
        var last = streams.ToDictionary(s => s, _ => (Count: -1, At: TimeSpan.Zero));
        while (!publishers.All(p => p.HasExited))
        {
            foreach (var s in streams)
            {
                var count = await SourceCount(http, s);
                if (count != last[s].Count) last[s] = (count, clock.Elapsed);
                else if (count is > 0 and < int.MaxValue && clock.Elapsed - last[s].At > stalls[s]) stalls[s] = clock.Elapsed - last[s].At;
            }
            await Task.Delay(1000);
        }
        var published = clock.Elapsed;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(seconds * 2 + 60);
        while (DateTime.UtcNow < deadline && streams.Any(s => broadcaster.Outcomes.For(s).Total < SourceCount(http, s).Result)) await Task.Delay(500);
        await Task.Delay(2000);
        var finished = clock.Elapsed;

        Console.WriteLine(FormattableString.Invariant(
            $"Two live 1920x1080p30 streams x {seconds} s, ladder {string.Join("/", ladder.Select(p => p.Name))}, one orchestrator (capacity {capacity}{(measured is null ? "" : $", measured: {measured.RealTimeSessions} in real time, {measured.Trials[0].RealTimePercent}% of real time for one")}), {Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd}."));
        Console.WriteLine();
        Console.WriteLine("| stream | source segments | transcoded | source-only by reason | longest source playlist stall while live |");
        Console.WriteLine("|---|---:|---:|---|---:|");
        foreach (var s in streams)
        {
            var o = broadcaster.Outcomes.For(s);
            Console.WriteLine(FormattableString.Invariant(
                $"| {s} | {await SourceCount(http, s)} | {o.Transcoded} | {(o.SourceOnly.Count == 0 ? "none" : string.Join(", ", o.SourceOnly.Select(r => $"{SourceOnlyReasons.Label(r.Key)}: {r.Value}")))} | {stalls[s].TotalSeconds:F0} s |"));
        }
        Console.WriteLine();
        var suspensions = broadcaster.Metrics.Suspensions.GetAllLabelValues().Sum(l => broadcaster.Metrics.Suspensions.WithLabels(l).Value);
        var failures = string.Join("; ", broadcaster.Network.Stats.Select(o => $"{o.Value.Failures} ({string.Join(", ", o.Value.FailuresByReason.Select(r => $"{r.Key}: {r.Value}"))})"));
        Console.WriteLine(FormattableString.Invariant($"Suspensions: {suspensions}. Orchestrator failures seen by the broadcaster: {failures}."));
        Console.WriteLine(FormattableString.Invariant($"Publishing took {published.TotalSeconds:F1} s; every segment accounted for {(finished - published).TotalSeconds:F1} s after."));
        Console.WriteLine();
        Console.WriteLine("| at | stream | ladder | left out | why |");
        Console.WriteLine("|---:|---|---|---|---|");
        foreach (var c in changes) Console.WriteLine(c);
        if (changes.IsEmpty) Console.WriteLine("| - | - | unchanged | - | - |");
    }

    private static async Task<int> SourceCount(HttpClient http, string stream)
    {
        // Segments ever listed: the live window's first media sequence number plus the segments in it.
        using var r = await http.GetAsync($"hls/{stream}/source/index.m3u8");
        if (!r.IsSuccessStatusCode) return int.MaxValue;
        var lines = (await r.Content.ReadAsStringAsync()).Split('\n');
        var first = lines.FirstOrDefault(l => l.StartsWith("#EXT-X-MEDIA-SEQUENCE:", StringComparison.Ordinal)) is { } m ? int.Parse(m[22..].Trim(), CultureInfo.InvariantCulture) : 0;
        return first + lines.Count(l => l.StartsWith("#EXTINF", StringComparison.Ordinal));
    }
}
