using System.Diagnostics;
using Livepeer.Media.Profiles;
using Livepeer.Media.Transcoding;

namespace Livepeer.Media.Tests.Transcoding;

public class LongLivedSessionTests
{
    private static readonly VideoProfile[] Ladder = [new("r90", 160, 90, 150_000, 30, 1, 1.0), new("r72", 128, 72, 100_000, 30, 1, 1.0)];
    private const double Frame = 1.0 / 30;

    private static PersistentTranscoder LongLived(TimeSpan? tailWait = null, bool signatures = false) => new(new PersistentTranscoderOptions
    {
        Mode = TranscodeSessionMode.LongLived,
        TailWait = tailWait ?? TimeSpan.FromMilliseconds(300),
        Ffmpeg = new FfmpegTranscoderOptions { ComputeSignatures = signatures },
    });

    [Fact]
    public async Task OneProcessServesTheStreamAndCutsRenditionsAtSourceBoundaries()
    {
        using var t = LongLived();
        await t.GetEncodersAsync(); // queried before the stream, so every call below feeds its segment before returning
        var source = TestMedia.SmallSegments;
        // Handed over at once in order, as a broadcaster sends a stream's segments.
        var tasks = source.Select(s => t.TranscodeAsync(s, Ladder)).ToList();
        var pid = Assert.Single(t.LongLivedProcessIds);
        var results = await Task.WhenAll(tasks);

        Assert.Equal(source.Count, t.SegmentsInSession);
        Assert.Equal(0, t.Fallbacks);
        Assert.Equal(0, t.SegmentsPerProcess);
        Assert.Empty(t.WaitingProcessIds);
        for (int r = 0; r < Ladder.Length; r++)
        {
            for (int i = 0; i < source.Count; i++)
            {
                var rendition = results[i].Renditions[r];
                Assert.Equal(Ladder[r].Name, rendition.Profile.Name);
                Assert.Equal(30, rendition.Frames);
                Assert.Equal(30L * Ladder[r].Width * Ladder[r].Height, rendition.Pixels);
            }
            await SourceBoundaries.AssertCut(source, results, r, Frame);
        }
        // The last segment came out through the tail flush, which ends the process.
        await WaitUntil(() => !TestMedia.ProcessAlive(pid));
    }

    [Fact]
    public async Task ALoneSegmentComesOutAfterTheTailWait()
    {
        using var t = LongLived(TimeSpan.FromMilliseconds(200));
        var segment = TestMedia.SmallSegments[0];
        var sw = Stopwatch.StartNew();
        var result = await t.TranscodeAsync(segment, Ladder);
        Assert.All(result.Renditions, r => Assert.Equal(30, r.Frames));
        // Its tail waited for a next segment for its duration plus the tail wait, no longer than the time limit.
        Assert.InRange(sw.Elapsed, TimeSpan.FromMilliseconds(segment.DurationMs + 200), TimeSpan.FromSeconds(20));
        Assert.Equal(1, t.SegmentsInSession);

        // The next segment finds the session finished and starts a new process for the stream.
        var next = await t.TranscodeAsync(TestMedia.SmallSegments[1], Ladder);
        Assert.All(next.Renditions, r => Assert.Equal(30, r.Frames));
        Assert.Equal(2, t.SegmentsInSession);
    }

    [Fact]
    public async Task KilledProcessFallsBackToOneProcessPerSegment()
    {
        using var t = LongLived(TimeSpan.FromSeconds(5));
        await t.GetEncodersAsync();
        var s = TestMedia.SmallSegments;
        var first = t.TranscodeAsync(s[0], Ladder);
        var second = t.TranscodeAsync(s[1], Ladder);
        using (var p = Process.GetProcessById(Assert.Single(t.LongLivedProcessIds))) p.Kill();

        var results = await Task.WhenAll(first, second);
        Assert.All(results.SelectMany(r => r.Renditions), r => Assert.Equal(30, r.Frames));
        Assert.Equal(2, t.Fallbacks);
        Assert.Equal(0, t.SegmentsInSession);
    }

    [Fact]
    public async Task TimestampGapFlushesTheSessionAndStartsAnother()
    {
        using var t = LongLived(TimeSpan.FromSeconds(5));
        await t.GetEncodersAsync();
        var s = TestMedia.SmallSegments;
        var first = t.TranscodeAsync(s[0], Ladder);
        var firstPid = Assert.Single(t.LongLivedProcessIds);
        // Segment 1 lost: a process fed segment 2 would fill the gap with repeated frames, so a new one takes it.
        var third = t.TranscodeAsync(s[2], Ladder);
        var secondPid = Assert.Single(t.LongLivedProcessIds);
        Assert.NotEqual(firstPid, secondPid);

        var results = await Task.WhenAll(first, third);
        Assert.All(results.SelectMany(r => r.Renditions), r => Assert.Equal(30, r.Frames));
        Assert.Equal(2, t.SegmentsInSession);
        Assert.Equal(0, t.Fallbacks);
    }

    [Fact]
    public async Task RenditionsKeepTheProfileBitrateAsSegmentsEncodedAloneDo()
    {
        var source = TestMedia.SmallSegments;
        using var perSegment = new PersistentTranscoder(new PersistentTranscoderOptions());
        var alone = new List<TranscodeResult>();
        foreach (var s in source) alone.Add(await perSegment.TranscodeAsync(s, Ladder));
        using var t = LongLived();
        await t.GetEncodersAsync();
        var live = await Task.WhenAll(source.Select(s => t.TranscodeAsync(s, Ladder)).ToList());
        Assert.Equal(source.Count, t.SegmentsInSession);

        double seconds = source.Sum(s => s.Duration) / 90000.0;
        for (int r = 0; r < Ladder.Length; r++)
        {
            double aloneRate = alone.Sum(x => TestMedia.VideoPacketBytes(x.Renditions[r].Data)) * 8 / seconds / Ladder[r].Bitrate;
            double liveRate = live.Sum(x => TestMedia.VideoPacketBytes(x.Renditions[r].Data)) * 8 / seconds / Ladder[r].Bitrate;
            // Both on the profile's bitrate (a fresh encoder's first second may spend its 90 % full buffer), so within 10 % of each other.
            Assert.InRange(aloneRate, 0.9, 1.2);
            Assert.InRange(liveRate, 0.9, 1.2);
            Assert.InRange(aloneRate / liveRate, 0.9, 1.1);
        }
    }

    [Fact]
    public async Task SignaturesKeepThePreStartMode()
    {
        using var t = LongLived(signatures: true);
        var result = await t.TranscodeAsync(TestMedia.SmallSegments[0], Ladder);
        Assert.All(result.Renditions, r => Assert.NotEmpty(r.Signature!));
        Assert.Empty(t.LongLivedProcessIds);
        Assert.Single(t.WaitingProcessIds);
    }

    [Fact]
    public void OptionsRefuseANegativeTailWaitAndAnUnknownMode()
    {
        var tail = Assert.Throws<ArgumentException>(() => new PersistentTranscoderOptions { TailWait = TimeSpan.FromSeconds(-1) }.Validate());
        Assert.Equal("TailWait", tail.ParamName);
        var mode = Assert.Throws<ArgumentException>(() => new PersistentTranscoderOptions { Mode = (TranscodeSessionMode)7 }.Validate());
        Assert.Equal("Mode", mode.ParamName);
        new PersistentTranscoderOptions { Mode = TranscodeSessionMode.LongLived, TailWait = TimeSpan.Zero }.Validate();
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        var sw = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(sw.Elapsed < TimeSpan.FromSeconds(20), "condition not met within 20 s");
            await Task.Delay(50);
        }
    }
}
