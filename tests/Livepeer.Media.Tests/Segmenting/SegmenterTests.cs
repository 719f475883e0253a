using Livepeer.Media.MpegTs;
using Livepeer.Media.Segmenting;

namespace Livepeer.Media.Tests.Segmenting;

public class SegmenterTests
{
    private static readonly TrackFormat H264 = new("h264", 320, 240);
    private static readonly TrackFormat Aac = new("aac", SampleRate: 48000, Channels: 2);
    private static readonly byte[] FakeIdr = [0, 0, 0, 1, 0x09, 0xF0, 0, 0, 0, 1, 0x65, 0x88, 0x84];
    private static readonly byte[] FakeP = [0, 0, 0, 1, 0x09, 0xF0, 0, 0, 0, 1, 0x41, 0x9A, 0x02];
    private static readonly byte[] FakeAac = [0xFF, 0xF1, 0x4C, 0x80, 0x01, 0x7F, 0xFC, 0x21];

    private static MediaFrame V(long ms, bool key, TrackFormat? format = null, long ctsMs = 0) =>
        new(MediaTrackKind.Video, (ms + ctsMs) * 90, ms * 90, key, key ? FakeIdr : FakeP, format ?? H264);

    private static MediaFrame A(long ms) => new(MediaTrackKind.Audio, ms * 90, ms * 90, false, FakeAac, Aac);

    /// <summary>A segmenter that was told about both tracks, as LiveIngest does from the sequence headers.</summary>
    private static Segmenter Av(SegmenterOptions? options = null)
    {
        var s = new Segmenter("s", options);
        s.Announce(MediaTrackKind.Video, H264);
        s.Announce(MediaTrackKind.Audio, Aac);
        return s;
    }

    private static List<MediaSegment> Run(Segmenter s, IEnumerable<MediaFrame> frames)
    {
        var list = new List<MediaSegment>();
        foreach (var f in frames)
        {
            if (s.Push(f) is { } seg) list.Add(seg);
        }
        if (s.Flush() is { } last) list.Add(last);
        return list;
    }

    /// <summary>30 fps video with a keyframe every <paramref name="gopFrames"/> frames, plus 20 ms audio, interleaved by time.</summary>
    private static IEnumerable<MediaFrame> AudioVideo(int seconds, int gopFrames)
    {
        var frames = new List<MediaFrame>();
        for (var i = 0; i < seconds * 30; i++) frames.Add(V(i * 1000L / 30, i % gopFrames == 0));
        for (var t = 0; t < seconds * 1000; t += 20) frames.Add(A(t));
        return frames.OrderBy(f => f.Dts).ThenBy(f => f.Kind);
    }

    private static MediaFrame Big(long ms, bool key, int bytes) =>
        new(MediaTrackKind.Video, ms * 90, ms * 90, key, (byte[])[.. (key ? FakeIdr : FakeP), .. new byte[bytes]], H264);

    [Fact]
    public void ASegmentIsCutBySizeWhenItsTimestampsKeepUp()
    {
        // 30 fps of 20 KB frames, keyframe every 10 s: without a size limit the first segment would hold 6 s (3.6 MB).
        var s = Av(new SegmenterOptions { MaxSegmentBytes = 1024 * 1024, MaxDuration = TimeSpan.FromSeconds(6) });
        var segs = Run(s, Enumerable.Range(0, 300).Select(i => Big(i * 1000L / 30, i % 300 == 0, 20_000)));
        Assert.True(segs.Count >= 6, $"{segs.Count} segments");
        Assert.All(segs, seg => Assert.InRange(seg.Data.Length, 1, 1024 * 1024 + 64 * 1024));
        Assert.All(segs, seg => Assert.True(seg.Duration > 0));
    }

    [Fact]
    public void APublisherWithEveryFrameAtOneTimestampIsRefusedBeforeItsSegmentOutgrowsTheLimit()
    {
        var s = Av(new SegmenterOptions { MaxSegmentBytes = 1024 * 1024 });
        var e = Assert.Throws<BrokenTimestampsException>(() =>
        {
            for (var i = 0; i < 1000; i++) s.Push(Big(5_000, i == 0, 20_000));
        });
        Assert.Contains("timestamps", e.Message);
        Assert.Null(s.Flush()); // the refused bytes are dropped, not handed on as a last segment
    }

    [Fact]
    public void ASegmentIsCutByTheWallClockAndTimestampsFarBehindRealTimeAreRefused()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        var options = new SegmenterOptions { MaxWallClockDuration = TimeSpan.FromSeconds(10) };
        // Media at real time, keyframes never come: the media cut at 6 s happens first; no refusal.
        var s = new Segmenter("s", options, time);
        s.Announce(MediaTrackKind.Video, H264);
        var cuts = 0;
        for (var i = 0; i < 300; i++)
        {
            if (s.Push(V(i * 1000L / 30, i == 0)) is not null) cuts++;
            time.Advance(TimeSpan.FromMilliseconds(1000.0 / 30));
        }
        Assert.Equal(1, cuts);
        // Timestamps at a tenth of real time: cut by the wall clock at 10 s with 1 s of media, refused.
        var slow = new Segmenter("slow", options, time);
        slow.Announce(MediaTrackKind.Video, H264);
        Assert.Throws<BrokenTimestampsException>(() =>
        {
            for (var i = 0; i < 600; i++)
            {
                slow.Push(V(i * 100L / 30, i == 0));
                time.Advance(TimeSpan.FromMilliseconds(1000.0 / 30));
            }
        });
    }

    [Fact]
    public void CutsAtTheFirstKeyframeOnceTheTargetIsReached()
    {
        var segs = Run(Av(), AudioVideo(7, 30));
        Assert.Equal(4, segs.Count);
        Assert.Equal([180000L, 180000, 180000], segs.Take(3).Select(s => s.Duration));
        Assert.Equal([0L, 180000, 360000, 540000], segs.Select(s => s.StartPts));
        Assert.All(segs, s => Assert.True(s.StartsWithKeyframe && !s.Discontinuity));
        Assert.All(segs, s => Assert.Equal(new SegmentTracks("h264", "aac", 320, 240), s.Tracks));
        Assert.InRange(segs[3].Duration, 89000, 91000);
        foreach (var s in segs)
        {
            var info = TsSegmentInfo.Probe(s.Data.Span);
            Assert.True(info.StartsWithKeyframe);
            Assert.Equal(s.StartPts, info.StartPts);
        }
    }

    [Fact]
    public void SparseKeyframesLengthenSegmentsToTheNextKeyframe()
    {
        var segs = Run(Av(), AudioVideo(9, 90)); // keyframe every 3 s
        Assert.Equal([270000L, 270000, 270000], segs.Select(s => s.Duration).Take(3));
        Assert.All(segs, s => Assert.True(s.StartsWithKeyframe));
    }

    [Fact]
    public void MissingKeyframesForceACutAtTheMaximumDurationMarkedAsNotKeyframeStart()
    {
        var segs = Run(Av(new SegmenterOptions { MaxDuration = TimeSpan.FromSeconds(4) }), AudioVideo(10, 100000));
        Assert.Equal(3, segs.Count);
        Assert.True(segs[0].StartsWithKeyframe);
        Assert.False(segs[1].StartsWithKeyframe);
        Assert.False(segs[2].StartsWithKeyframe);
        Assert.All(segs.Take(2), s => Assert.InRange(s.Duration, 360000 - 3000, 360000 + 3000));
        Assert.False(TsSegmentInfo.Probe(segs[1].Data.Span).StartsWithKeyframe);
    }

    [Fact]
    public void DefaultMaximumIsThreeTimesTheTarget()
    {
        var segs = Run(Av(), AudioVideo(14, 100000));
        Assert.InRange(segs[0].Duration, 540000 - 3000, 540000 + 3000);
    }

    [Fact]
    public void ForwardTimestampJumpCutsAndMarksDiscontinuity()
    {
        var frames = AudioVideo(3, 30).ToList();
        var later = AudioVideo(3, 30).Select(f => f with { Pts = f.Pts + 60 * 90000, Dts = f.Dts + 60 * 90000 });
        var segs = Run(Av(), frames.Concat(later));
        Assert.Equal(4, segs.Count); // 0-2, 2-3 | 60-62, 62-63
        Assert.False(segs[0].Discontinuity);
        Assert.False(segs[1].Discontinuity);
        Assert.True(segs[2].Discontinuity);
        Assert.False(segs[3].Discontinuity);
        Assert.InRange(segs[1].Duration, 90000 - 3000, 90000 + 3000); // ends with its last frame, not at the jump
        Assert.Equal(60 * 90000L, segs[2].StartPts);
    }

    [Fact]
    public void BackwardTimestampJumpCutsAndMarksDiscontinuity()
    {
        var first = AudioVideo(3, 30).Select(f => f with { Pts = f.Pts + 100 * 90000, Dts = f.Dts + 100 * 90000 });
        var segs = Run(Av(), first.Concat(AudioVideo(3, 30)));
        Assert.Equal(4, segs.Count);
        Assert.True(segs[2].Discontinuity);
        Assert.Equal(0, segs[2].StartPts);
    }

    [Fact]
    public void SmallBackwardStepIsClampedNotADiscontinuity()
    {
        var frames = AudioVideo(5, 30).ToList();
        var i = frames.FindIndex(f => f.Kind == MediaTrackKind.Audio && f.Dts == 1000 * 90);
        frames[i] = frames[i] with { Pts = 950 * 90, Dts = 950 * 90 };
        var segs = Run(Av(), frames);
        Assert.All(segs, s => Assert.False(s.Discontinuity));
        Assert.All(segs, s => Assert.Equal(0, TsSegmentInfo.Probe(s.Data.Span).ContinuityErrors));
    }

    [Fact]
    public void AudioOnlyIsCutOnTime()
    {
        var s = new Segmenter("s");
        s.Announce(MediaTrackKind.Audio, Aac);
        var segs = Run(s, Enumerable.Range(0, 250).Select(i => A(i * 20L)));
        Assert.Equal(3, segs.Count);
        Assert.Equal([180000L, 180000], segs.Take(2).Select(x => x.Duration));
        Assert.Equal(90000L, segs[2].Duration);
        Assert.All(segs, x => Assert.Equal(new SegmentTracks(null, "aac"), x.Tracks));
        Assert.Equal(TsMuxer.AudioPid, TsDemuxer.Demux(segs[0].Data.Span).PcrPid);
    }

    [Fact]
    public void VideoOnlyWorks()
    {
        var segs = Run(new Segmenter("s"), Enumerable.Range(0, 150).Select(i => V(i * 1000L / 30, i % 30 == 0)));
        Assert.Equal(3, segs.Count);
        Assert.All(segs, x => Assert.Equal(new SegmentTracks("h264", null, 320, 240), x.Tracks));
    }

    [Fact]
    public void FramesBeforeTheFirstKeyframeAreDroppedButAudioJustBeforeItIsKept()
    {
        var s = new Segmenter("s");
        s.Announce(MediaTrackKind.Video, H264);
        s.Announce(MediaTrackKind.Audio, Aac);
        var frames = new List<MediaFrame> { V(0, false), A(0), V(33, false), A(20), A(40), V(67, true), A(60), V(100, false) };
        Assert.All(frames, f => Assert.Null(s.Push(f)));
        var seg = s.Flush()!;
        Assert.Equal(67 * 90, seg.StartPts);
        Assert.Equal(2, s.DroppedFrames);
        var demux = TsDemuxer.Demux(seg.Data.Span);
        Assert.Equal(2, demux.Packets.Count(p => p.Pid == TsMuxer.VideoPid));
        Assert.Equal(4, demux.Packets.Count(p => p.Pid == TsMuxer.AudioPid));
        Assert.True(demux.Packets.First(p => p.Pid == TsMuxer.VideoPid).RandomAccess);
    }

    [Fact]
    public void ResolutionChangeStartsANewSegmentWithDiscontinuityAndNewTracks()
    {
        var big = new TrackFormat("h264", 640, 480);
        var frames = Enumerable.Range(0, 60).Select(i => V(i * 1000L / 30, i % 30 == 0))
            .Concat(Enumerable.Range(60, 60).Select(i => V(i * 1000L / 30, i % 30 == 0, big)));
        var segs = Run(new Segmenter("s"), frames);
        Assert.Equal(2, segs.Count);
        Assert.Equal(320, segs[0].Tracks.Width);
        Assert.Equal(640, segs[1].Tracks.Width);
        Assert.True(segs[1].Discontinuity);
    }

    [Fact]
    public void CompositionTimeOffsetsArePreserved()
    {
        var segs = Run(new Segmenter("s"), Enumerable.Range(0, 30).Select(i => V(i * 33L, i == 0, ctsMs: 66)));
        var video = TsDemuxer.Demux(segs[0].Data.Span).Packets;
        Assert.All(video, p => Assert.Equal(66 * 90, p.Pts - p.Dts));
    }

    [Fact]
    public void TrackAppearingWithoutAnnouncementStartsANewProgram()
    {
        // Without Announce the first segment's PMT has only video; the first audio frame forces a new PMT.
        var segs = Run(new Segmenter("s"), AudioVideo(3, 30));
        Assert.Equal(new SegmentTracks("h264", null, 320, 240), segs[0].Tracks);
        Assert.Equal(new SegmentTracks("h264", "aac", 320, 240), segs[1].Tracks);
        Assert.True(segs[1].Discontinuity);
    }

    [Fact]
    public void NothingBufferedFlushesToNothing()
    {
        var s = new Segmenter("s");
        Assert.Null(s.Flush());
        s.Announce(MediaTrackKind.Video, H264);
        Assert.Null(s.Push(V(0, false)));
        Assert.Null(s.Flush());
    }

    [Fact]
    public void SequenceNumbersAndContinuityCountersCarryOn()
    {
        var segs = Run(Av(), AudioVideo(7, 30));
        Assert.Equal([0L, 1, 2, 3], segs.Select(x => x.Sequence));
        var all = segs.SelectMany(x => x.Data.ToArray()).ToArray();
        Assert.Equal(0, TsDemuxer.Demux(all).ContinuityErrors);
    }

    [Fact]
    public void InvalidOptionsAreRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Segmenter("s", new SegmenterOptions { TargetDuration = TimeSpan.Zero }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Segmenter("s", new SegmenterOptions { TargetDuration = TimeSpan.FromSeconds(4), MaxDuration = TimeSpan.FromSeconds(2) }));
    }
}
