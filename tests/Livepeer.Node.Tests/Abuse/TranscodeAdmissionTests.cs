using System.Diagnostics;
using System.Net;
using Livepeer.Media.Profiles;
using Livepeer.Media.Segmenting;
using Livepeer.Media.Transcoding;
using Livepeer.Node.Broadcaster;

namespace Livepeer.Node.Tests.Abuse;

/// <summary>
/// Fair sharing under load (issue 16): the node's one transcode queue bounds how many segments are transcoded at once,
/// answers a burst of pushes it cannot finish in time with 503 and Retry-After, finishes the ones it admitted in time,
/// and degrades live segments to source-only with a reason instead of piling them up.
/// </summary>
public sealed class TranscodeAdmissionTests
{
    private static readonly VideoProfile[] Ladder = [new("low", 320, 180, 300_000, 30, 1, 2)];

    /// <summary>Takes <see cref="Delay"/> per segment and hands the source back as the rendition; counts how many run at once.</summary>
    private sealed class SlowTranscoder(TimeSpan delay) : ITranscoder
    {
        private int _running;
        public int Peak;
        public int Runs;
        public TimeSpan Delay => delay;

        public async Task<TranscodeResult> TranscodeAsync(MediaSegment segment, IReadOnlyList<VideoProfile> profiles, CancellationToken ct = default)
        {
            var now = Interlocked.Increment(ref _running);
            int peak;
            while ((peak = Volatile.Read(ref Peak)) < now && Interlocked.CompareExchange(ref Peak, now, peak) != peak) { }
            Interlocked.Increment(ref Runs);
            try
            {
                await Task.Delay(delay, ct);
                return new TranscodeResult(segment, profiles.Select(p => new RenditionSegment(p, segment.Data.ToArray(), OutputContainer.MpegTs, 60, 60L * p.Width * p.Height, null)).ToList(), delay);
            }
            finally { Interlocked.Decrement(ref _running); }
        }
    }

    private static async Task<byte[]> TwoSecondSegmentAsync()
    {
        var path = Path.Combine(Path.GetTempPath(), $"admission-{Guid.NewGuid():N}.ts");
        try
        {
            using var ffmpeg = Process.Start(new ProcessStartInfo("ffmpeg",
                ["-v", "error", "-f", "lavfi", "-i", "testsrc2=size=320x180:rate=30", "-t", "2", "-c:v", "libx264", "-preset", "ultrafast", "-g", "60", "-f", "mpegts", path]))!;
            await ffmpeg.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
            Assert.Equal(0, ffmpeg.ExitCode);
            return await File.ReadAllBytesAsync(path);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public async Task ABurstOfPushesIsBoundedRefusedWithRetryAfterAndTheAdmittedFinishInTime()
    {
        var segment = await TwoSecondSegmentAsync();
        var transcoder = new SlowTranscoder(TimeSpan.FromSeconds(2.5));
        // Two at once, two waiting; a 2 s segment must be done within 3 x 2 s = 6 s.
        var queue = new TranscodeQueueOptions { MaxRunning = 2, MaxWaiting = 2, DeadlinePercent = 300, MinimumDeadline = TimeSpan.FromSeconds(1) };
        await using var server = await BroadcasterNode.StartLocalAsync(transcoder, new BroadcasterNodeOptions { RtmpPort = 0, HttpPort = 0, Profiles = Ladder, TranscodeQueue = queue }, TimeProvider.System);
        using var http = new HttpClient { BaseAddress = server.HttpAddress, Timeout = TimeSpan.FromSeconds(60) };

        async Task<(HttpStatusCode Status, TimeSpan Took, TimeSpan? RetryAfter)> PushAsync(string stream)
        {
            var started = Stopwatch.StartNew();
            using var content = new ByteArrayContent(segment);
            content.Headers.Add("Content-Duration", "2000");
            using var response = await http.PutAsync($"live/{stream}/0.ts", content);
            return (response.StatusCode, started.Elapsed, response.Headers.RetryAfter?.Delta);
        }

        const int pushes = 12;
        var results = await Task.WhenAll(Enumerable.Range(0, pushes).Select(i => PushAsync($"burst{i}")));
        var admitted = results.Where(r => r.Status == HttpStatusCode.OK).ToList();
        var refused = results.Where(r => r.Status == HttpStatusCode.ServiceUnavailable).ToList();
        // Nothing else: no timeouts, no 500s.
        Assert.True(admitted.Count + refused.Count == pushes, string.Join(", ", results.Select(r => $"{(int)r.Status} after {r.Took.TotalSeconds:0.0} s")));
        Assert.InRange(admitted.Count, queue.MaxRunning, pushes - 1);
        Assert.NotEmpty(refused);
        Assert.All(refused, r => Assert.True(r.RetryAfter >= TimeSpan.FromSeconds(1), $"Retry-After {r.RetryAfter}"));
        Assert.InRange(transcoder.Peak, 1, queue.MaxRunning);
        Assert.Equal(admitted.Count, transcoder.Runs); // a refused push started no work
        // Each admitted push was transcoded within its deadline (6 s from entering the queue to its renditions; probing and
        // packaging the source happen before, outside the queue, and take long on a loaded machine), none was abandoned.
        Assert.InRange(server.TranscodeQueue.LongestLatency, transcoder.Delay, TimeSpan.FromSeconds(6));
        Assert.Equal(0, server.TranscodeQueue.Abandoned);
        Assert.All(admitted, r => Assert.True(r.Took < TimeSpan.FromSeconds(50), $"an admitted push took {r.Took}"));
        // A refused push changed nothing: no playlist was started for it, and its retry is admitted once there is room.
        var firstRefused = Array.FindIndex(results, r => r.Status == HttpStatusCode.ServiceUnavailable);
        using (var missing = await http.GetAsync($"hls/burst{firstRefused}/index.m3u8")) Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        await Task.Delay(refused[0].RetryAfter!.Value);
        var retry = await PushAsync($"burst{firstRefused}");
        Assert.Equal(HttpStatusCode.OK, retry.Status);
        Assert.Equal(0, server.TranscodeQueue.Pending);
    }

    [Fact]
    public async Task ALiveSegmentTheQueueCannotTakeInTimePlaysSourceOnlyWithItsReason()
    {
        var transcoder = new SlowTranscoder(TimeSpan.FromSeconds(2));
        var queue = new TranscodeQueue(transcoder, new TranscodeQueueOptions { MaxRunning = 1, MaxWaiting = 1, DeadlinePercent = 100, MinimumDeadline = TimeSpan.FromSeconds(1) });
        var data = await TwoSecondSegmentAsync();
        MediaSegment Segment(string stream, long seq) => new(stream, seq, data, seq * 180_000, 180_000, false, new SegmentTracks("h264", null, 320, 180));

        // Three streams' segments arrive together (live ingest, no reservation): one runs, one waits, the third is refused
        // at once; the waiting one is not started once it could no longer finish within its 2 s.
        var work = new[] { "a", "b", "c" }.Select(s => Catch(() => queue.TranscodeAsync(Segment(s, 0), Ladder))).ToArray();
        var outcomes = await Task.WhenAll(work);
        Assert.Equal(1, outcomes.Count(o => o is null));
        Assert.Equal(2, outcomes.Count(o => o is TranscodeQueueFullException));
        Assert.Equal(1, transcoder.Runs);
        Assert.Equal(1, queue.Refused);
        Assert.Equal(1, queue.Abandoned);
        Assert.Contains("deadline", outcomes.OfType<TranscodeQueueFullException>().First().Message);
        Assert.Equal(0, queue.Pending);
    }

    private static async Task<Exception?> Catch(Func<Task> run)
    {
        try { await run(); return null; }
        catch (TranscodeQueueFullException e) { return e; }
    }
}
