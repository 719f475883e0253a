using System.Diagnostics;
using Microsoft.Extensions.Time.Testing;
using Livepeer.Media.Profiles;
using Livepeer.Media.Segmenting;
using Livepeer.Media.Transcoding;

namespace Livepeer.Media.Tests.Transcoding;

public class PersistentTranscoderTests
{
    private static readonly VideoProfile[] Ladder = [new("r90", 160, 90, 150_000, 30, 1, 1.0)];
    private const double Frame = 1.0 / 30;

    [Fact]
    public async Task SessionCutsRenditionsAtSourceBoundariesWithContinuousTimestamps()
    {
        using var t = new PersistentTranscoder();
        var source = TestMedia.SmallSegments;
        var results = new List<TranscodeResult>();
        foreach (var s in source) results.Add(await t.TranscodeAsync(s, Ladder));

        // The first segment starts the session (fresh process); the rest go to processes started ahead of them.
        Assert.Equal(1, t.SegmentsPerProcess);
        Assert.Equal(source.Count - 1, t.SegmentsInSession);
        Assert.Equal(0, t.Fallbacks);
        Assert.Equal(1, t.SessionCount);

        Assert.All(results, r => Assert.Equal(30, Assert.Single(r.Renditions).Frames));
        await SourceBoundaries.AssertCut(source, results, 0, Frame);
    }

    [Fact]
    public async Task SessionProcessesWriteSignaturesToo()
    {
        using var t = new PersistentTranscoder(new PersistentTranscoderOptions { Ffmpeg = new FfmpegTranscoderOptions { ComputeSignatures = true } });
        await t.TranscodeAsync(TestMedia.SmallSegments[0], Ladder);
        var warm = await t.TranscodeAsync(TestMedia.SmallSegments[1], Ladder);
        Assert.Equal(1, t.SegmentsInSession);
        Assert.NotEmpty(Assert.Single(warm.Renditions).Signature!);
    }

    [Fact]
    public async Task FormatChangeGoesToAFreshProcessAndTheSessionFollowsTheNewFormat()
    {
        var other = TestMedia.Generate("persist-256x144", 256, 144, 30, 2, 1);
        using var t = new PersistentTranscoder();
        var small = TestMedia.SmallSegments;
        await t.TranscodeAsync(small[0], Ladder);
        await t.TranscodeAsync(small[1], Ladder);
        Assert.Equal(1, t.SegmentsInSession);

        // Same stream, new picture size: the waiting process (built for 320x180) is dropped, a fresh process does the segment.
        var changed = await t.TranscodeAsync(other[0] with { Sequence = 2 }, Ladder);
        Assert.Equal(30, Assert.Single(changed.Renditions).Frames);
        Assert.Equal(1, t.FormatChanges);
        Assert.Equal(2, t.SegmentsPerProcess);
        Assert.Equal(1, t.SegmentsInSession);

        // The session re-armed for the new format.
        var next = await t.TranscodeAsync(other[1] with { Sequence = 3 }, Ladder);
        Assert.Equal(30, Assert.Single(next.Renditions).Frames);
        Assert.Equal(2, t.SegmentsInSession);
        Assert.Equal(0, t.Fallbacks);
    }

    [Fact]
    public async Task KilledSessionProcessFallsBackToOneProcessForTheSegment()
    {
        using var t = new PersistentTranscoder();
        var s = TestMedia.SmallSegments;
        await t.TranscodeAsync(s[0], Ladder);
        var pid = Assert.Single(t.WaitingProcessIds);
        using (var p = Process.GetProcessById(pid)) p.Kill();

        var result = await t.TranscodeAsync(s[1], Ladder);
        Assert.Equal(30, Assert.Single(result.Renditions).Frames);
        Assert.Equal(1, t.Fallbacks);

        // The replacement started with segment 1 serves segment 2.
        await t.TranscodeAsync(s[2], Ladder);
        Assert.Equal(1, t.SegmentsInSession);
    }

    [Fact]
    public async Task IdleSessionEndsAndKillsItsWaitingProcess()
    {
        var time = new FakeTimeProvider();
        using var t = new PersistentTranscoder(new PersistentTranscoderOptions { IdleTimeout = TimeSpan.FromSeconds(30) }, time: time);
        await t.TranscodeAsync(TestMedia.SmallSegments[0], Ladder);
        var pid = Assert.Single(t.WaitingProcessIds);
        Assert.True(TestMedia.ProcessAlive(pid));

        time.Advance(TimeSpan.FromSeconds(20));
        Assert.Equal(1, t.SessionCount);
        time.Advance(TimeSpan.FromSeconds(20));
        Assert.Equal(0, t.SessionCount);
        Assert.Equal(1, t.SessionsEnded);
        Assert.False(TestMedia.ProcessAlive(pid));
    }

    [Fact]
    public async Task EndStreamAndDisposeLeaveNoFfmpegBehind()
    {
        var t = new PersistentTranscoder();
        var s = TestMedia.SmallSegments;
        await t.TranscodeAsync(s[0] with { StreamName = "a" }, Ladder);
        await t.TranscodeAsync(s[0] with { StreamName = "b" }, Ladder);
        var pids = t.WaitingProcessIds;
        Assert.Equal(2, pids.Count);
        Assert.All(pids, p => Assert.True(TestMedia.ProcessAlive(p)));

        Assert.Equal(1, t.EndStream("a"));
        Assert.Equal(1, t.SessionCount);
        Assert.Single(pids, p => !TestMedia.ProcessAlive(p));

        t.Dispose();
        Assert.All(pids, p => Assert.False(TestMedia.ProcessAlive(p)));
        Assert.Equal(0, t.SessionCount);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => t.TranscodeAsync(s[1] with { StreamName = "b" }, Ladder));
    }

    [Fact]
    public void SessionFormatReadsFrameRateFromTimestamps()
    {
        var s = TestMedia.SmallSegments[0];
        var (video, audio) = TsScan.Check(s.Data.Span);
        var f = SessionFormat.Of(video, audio, s.Data.Span, needsFrameRate: true);
        Assert.Equal((320, 180, 30, 1, true), (f.Probe.Width, f.Probe.Height, f.Probe.FrameRateNum, f.Probe.FrameRateDen, f.Probe.HasAudio));
        Assert.Equal(0, SessionFormat.Of(video, audio, s.Data.Span, needsFrameRate: false).Probe.FrameRateNum);
    }
}
