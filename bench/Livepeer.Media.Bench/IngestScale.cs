using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Livepeer.Media.Flv;
using Livepeer.Media.Ingest;
using Livepeer.Media.Rtmp;
using Livepeer.Media.Segmenting;

namespace Livepeer.Media.Bench;

/// <summary>
/// Ingest scale and latency: N publishers replay an FLV in real time over RTMP into one RtmpServer + LiveIngest
/// (passthrough segmenting), for a bounded time. Reports segments on time, ingest-to-segment latency, CPU and memory.
/// </summary>
public static class IngestScale
{
    public static async Task<int> RunAsync(string[] args)
    {
        var streams = Arg(args, "--streams", 100);
        var seconds = Arg(args, "--seconds", 20);
        var source = FlvFileReader.ReadAll(File.ReadAllBytes(SourceMedia.Flv()));
        var media = source.Where(t => t.Type != FlvTagType.ScriptData).ToList();
        var loopMs = (uint)(media.Max(t => t.Timestamp) + 33);
        var sink = new TimingSink();
        var ingest = new LiveIngest(sink);
        await using var server = new RtmpServer(new RtmpServerOptions { Port = 0, MaxConnections = streams + 10, MaxConnectionsPerAddress = streams + 10 }, ingest);
        server.Start();
        var port = server.LocalEndPoint.Port;

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var baseWorkingSet = Environment.WorkingSet;
        var baseHeap = GC.GetTotalMemory(true);
        var process = Process.GetCurrentProcess();
        var cpuStart = process.TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        var maxLagMs = 0.0;
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        stop.Token.Register(() => sink.Stopping = true);
        var peakWorkingSet = 0L;
        var peakHeap = 0L;
        var sampler = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                peakWorkingSet = Math.Max(peakWorkingSet, Environment.WorkingSet);
                peakHeap = Math.Max(peakHeap, GC.GetTotalMemory(false));
                try
                {
                    await Task.Delay(500, stop.Token);
                }
                catch (OperationCanceledException)
                {
                }
            }
        });

        var publishers = Enumerable.Range(0, streams).Select(i => Task.Run(async () =>
        {
            var key = $"s{i}";
            await using var publisher = await RtmpPublisher.ConnectAsync("127.0.0.1", port, "live", key, CancellationToken.None);
            var start = Stopwatch.GetTimestamp();
            var loop = 0u;
            var index = 0;
            while (!stop.IsCancellationRequested)
            {
                var tag = media[index];
                var ts = tag.Timestamp + loop * loopMs;
                var isHeader = loop > 0 && IsSequenceHeader(tag);
                if (!isHeader)
                {
                    var due = start + (long)(ts / 1000.0 * Stopwatch.Frequency);
                    var now = Stopwatch.GetTimestamp();
                    if (due > now) await Task.Delay(TimeSpan.FromTicks((due - now) * TimeSpan.TicksPerSecond / Stopwatch.Frequency));
                    var lag = (Stopwatch.GetTimestamp() - due) * 1000.0 / Stopwatch.Frequency;
                    if (lag > maxLagMs) maxLagMs = lag;
                    // Stamp before sending: the segment event may fire before SendTagAsync returns.
                    if (tag.Type == FlvTagType.Video && (tag.Data.Span[0] >> 4) == 1) sink.KeyframeSent(key, Stopwatch.GetTimestamp());
                    await publisher.SendTagAsync(tag with { Timestamp = ts }, CancellationToken.None);
                }
                if (++index == media.Count)
                {
                    index = 0;
                    loop++;
                }
            }
        })).ToList();

        await Task.WhenAll(publishers);
        var elapsed = wall.Elapsed;
        var cpu = process.TotalProcessorTime - cpuStart;
        await sampler;
        await Task.Delay(500);

        var latencies = sink.Latencies.OrderBy(x => x).ToList();
        var segmentsPerStream = sink.Segments.Values.Select(v => v).ToList();
        var expectedPerStream = (int)(seconds / 2.0) - 1; // full 2 s segments cut while publishing
        var onTime = latencies.Count(l => l <= 100);
        var report = string.Join('\n',
            $"streams={streams} seconds={seconds} source=640x360 30fps H.264 1 Mbps + AAC 96k, 2 s GOP, real-time pacing",
            $"segments emitted={sink.Segments.Values.Sum()} (min per stream {segmentsPerStream.DefaultIfEmpty(0).Min()}, expected >= {expectedPerStream} full segments + final)",
            $"ingest-to-segment latency ms: p50={Pct(latencies, 0.5):F2} p95={Pct(latencies, 0.95):F2} p99={Pct(latencies, 0.99):F2} max={latencies.DefaultIfEmpty(0).Max():F2} (n={latencies.Count}, <=100 ms: {onTime})",
            $"max publisher lag behind real time ms={maxLagMs:F1}",
            $"cpu: {cpu.TotalSeconds:F1} s over {elapsed.TotalSeconds:F1} s wall = {cpu.TotalSeconds / elapsed.TotalSeconds:F2} cores (server + load generator in one process), machine cores={Environment.ProcessorCount}",
            $"memory: working set +{(peakWorkingSet - baseWorkingSet) / 1048576.0:F1} MB peak ({(peakWorkingSet - baseWorkingSet) / 1048576.0 / streams:F2} MB/stream), managed heap +{(peakHeap - baseHeap) / 1048576.0:F1} MB peak ({(peakHeap - baseHeap) / 1048576.0 / streams:F2} MB/stream)");
        Console.WriteLine(report);
        return 0;
    }

    private static bool IsSequenceHeader(FlvTag tag) =>
        tag.Type == FlvTagType.Video ? tag.Data.Length > 1 && tag.Data.Span[1] == 0 : tag.Data.Length > 1 && tag.Data.Span[1] == 0;

    private static double Pct(List<double> sorted, double p) => sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)(p * sorted.Count))];

    private static int Arg(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }

    /// <summary>Records when each keyframe was sent and when the segment it closed arrived.</summary>
    private sealed class TimingSink : IMediaSegmentSink
    {
        private readonly ConcurrentDictionary<string, long> _lastKeyframe = new();

        public ConcurrentDictionary<string, int> Segments { get; } = new();

        public ConcurrentBag<double> Latencies { get; } = [];

        /// <summary>Set when publishers stop: final flushed segments are not closed by a keyframe and are not timed.</summary>
        public volatile bool Stopping;

        public void KeyframeSent(string stream, long when) => _lastKeyframe[stream] = when;

        public ValueTask StreamStartedAsync(LiveStreamInfo stream, CancellationToken cancellationToken) => ValueTask.CompletedTask;

        public ValueTask SegmentReadyAsync(MediaSegment segment, CancellationToken cancellationToken)
        {
            var now = Stopwatch.GetTimestamp();
            Segments.AddOrUpdate(segment.StreamName, 1, (_, n) => n + 1);
            // A live segment is closed by the keyframe that starts the next one: the latest keyframe this stream sent.
            if (!Stopping && _lastKeyframe.TryRemove(segment.StreamName, out var sent)) Latencies.Add((now - sent) * 1000.0 / Stopwatch.Frequency);
            return ValueTask.CompletedTask;
        }

        public ValueTask StreamEndedAsync(LiveStreamInfo stream, Exception? error, CancellationToken cancellationToken) => ValueTask.CompletedTask;
    }
}
