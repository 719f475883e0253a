using Livepeer.Media.MpegTs;
using Livepeer.Media.Tests.Ingest;

namespace Livepeer.Media.Tests.MpegTs;

[Collection(MediaCollection.Name)]
public class TsDemuxerTests(MediaFixture media)
{
    private byte[] Segment() => FlvFileRemuxTests.Segment(media.H264AacFlv)[0].Data.ToArray();

    [Fact]
    public void ProbeReadsTracksDurationAndFrames()
    {
        var info = TsSegmentInfo.Probe(Segment());
        Assert.Equal(new Livepeer.Media.Segmenting.SegmentTracks("h264", "aac", 320, 240), info.Tracks);
        Assert.Equal(60, info.VideoFrames);
        Assert.InRange(info.Duration, 180000 - 90, 180000 + 90);
        Assert.InRange(info.AudioFrames, 85, 88); // 2 s of 44.1 kHz AAC
        Assert.True(info.StartsWithKeyframe);
        Assert.Equal(0, info.ContinuityErrors);
    }

    [Fact]
    public async Task ProbeReadsAnFfmpegMadeSegment()
    {
        using var dir = new TempDirectory();
        var path = dir.File("ff.ts");
        var r = await ExternalTool.RunAsync("ffmpeg", $"-v error -f lavfi -i testsrc2=size=256x144:rate=25 -f lavfi -i sine -c:v libx264 -preset ultrafast -c:a aac -t 2 -f mpegts {path}", TimeSpan.FromSeconds(60));
        Assert.Equal(0, r.ExitCode);
        var info = TsSegmentInfo.Probe(await File.ReadAllBytesAsync(path));
        Assert.Equal(new Livepeer.Media.Segmenting.SegmentTracks("h264", "aac", 256, 144), info.Tracks);
        Assert.Equal(50, info.VideoFrames);
        Assert.InRange(info.Duration, 180000 - 3600, 180000 + 3600);
    }

    [Fact]
    public void PushedSegmentBecomesAMediaSegmentWithTheSameTiming()
    {
        var original = FlvFileRemuxTests.Segment(media.H264AacFlv)[1];
        var pushed = TsSegmentInfo.ToMediaSegment("pushed", 7, original.Data);
        Assert.Equal(("pushed", 7L, original.StartPts, original.Tracks, true), (pushed.StreamName, pushed.Sequence, pushed.StartPts, pushed.Tracks, pushed.StartsWithKeyframe));
        Assert.InRange(pushed.Duration, original.Duration - 90, original.Duration + 90);
        Assert.Throws<TsFormatException>(() => TsSegmentInfo.ToMediaSegment("pushed", 8, new byte[100]));
    }

    [Fact]
    public void EmptyTruncatedAndGarbageInputGiveClearErrors()
    {
        var seg = Segment();
        Assert.Contains("Empty", Assert.Throws<TsFormatException>(() => TsDemuxer.Demux([])).Message);
        Assert.Contains("whole number of 188-byte packets", Assert.Throws<TsFormatException>(() => TsDemuxer.Demux(seg.AsSpan(0, seg.Length - 100))).Message);
        var garbage = new byte[188 * 4];
        new Random(1).NextBytes(garbage);
        Assert.Contains("sync byte", Assert.Throws<TsFormatException>(() => TsDemuxer.Demux(garbage)).Message);
        var noPat = seg[376..];
        Assert.Contains("No PAT", Assert.Throws<TsFormatException>(() => TsDemuxer.Demux(noPat)).Message);
    }

    [Fact]
    public void CorruptedPmtFailsItsCrc()
    {
        var seg = Segment();
        seg[188 + 20] ^= 0x01; // inside the PMT section
        Assert.Contains("CRC32", Assert.Throws<TsFormatException>(() => TsDemuxer.Demux(seg)).Message);
    }

    [Fact]
    public void ZeroFrameSegmentIsRejectedByProbe()
    {
        var tablesOnly = Segment()[..376];
        Assert.Contains("zero-frame", Assert.Throws<TsFormatException>(() => TsSegmentInfo.Probe(tablesOnly)).Message);
    }

    [Fact]
    public void DroppedPacketShowsAsContinuityError()
    {
        var seg = Segment();
        var cut = seg[..(188 * 10)].Concat(seg[(188 * 11)..]).ToArray();
        Assert.True(TsDemuxer.Demux(cut).ContinuityErrors > 0);
    }

    [Fact]
    public void CrcMatchesTheMpeg2CheckValue() =>
        Assert.Equal(0x0376E6E7u, Crc32Mpeg2.Compute("123456789"u8));
}
