using Livepeer.Media.Flv;
using Livepeer.Media.Ingest;
using Livepeer.Media.MpegTs;
using Livepeer.Media.Segmenting;

namespace Livepeer.Media.Tests.Ingest;

/// <summary>An ffmpeg-made FLV file through FlvFileReader, FlvRemuxer, Segmenter and TsMuxer, checked by ffprobe and ffmpeg.</summary>
[Collection(MediaCollection.Name)]
public class FlvFileRemuxTests(MediaFixture media)
{
    internal static List<MediaSegment> Segment(byte[] flv, SegmenterOptions? options = null)
    {
        var remuxer = new FlvRemuxer();
        var segmenter = new Segmenter("file", options);
        var segments = new List<MediaSegment>();
        foreach (var tag in FlvFileReader.ReadAll(flv))
        {
            var frame = tag.Type switch
            {
                FlvTagType.Video => remuxer.Video(tag.Timestamp, tag.Data),
                FlvTagType.Audio => remuxer.Audio(tag.Timestamp, tag.Data),
                _ => null,
            };
            if (remuxer.VideoFormat is { } v) segmenter.Announce(MediaTrackKind.Video, v);
            if (remuxer.AudioFormat is { } a) segmenter.Announce(MediaTrackKind.Audio, a);
            if (frame is { } f && segmenter.Push(f) is { } s) segments.Add(s);
        }
        if (segmenter.Flush() is { } last) segments.Add(last);
        return segments;
    }

    [Fact]
    public async Task RemuxedSegmentsAreConformantTsWithBFramesAndAudio()
    {
        var segments = Segment(media.H264AacFlv);
        Assert.Equal(3, segments.Count); // 5 s, keyframes every 1 s, target 2 s: 0-2, 2-4, 4-5
        using var dir = new TempDirectory();
        foreach (var s in segments)
        {
            var path = dir.File($"{s.Sequence}.ts");
            await File.WriteAllBytesAsync(path, s.Data.ToArray());
            await Ffprobe.AssertDecodesCleanlyAsync(path);
            using var probe = await Ffprobe.ProbeAsync(path);
            Assert.Contains(Ffprobe.Streams(probe), x => x.GetProperty("codec_name").GetString() == "h264" && x.GetProperty("width").GetInt32() == 320);
            Assert.Contains(Ffprobe.Streams(probe), x => x.GetProperty("codec_name").GetString() == "aac");
            Assert.StartsWith("K", Ffprobe.Packets(probe, "video").First().GetProperty("flags").GetString());
            // B-frames: some packets must have PTS != DTS, carried through from the FLV composition time.
            Assert.Contains(Ffprobe.Packets(probe, "video"), p => Ffprobe.Long(p, "pts") != Ffprobe.Long(p, "dts"));
        }
        var all = dir.File("all.ts");
        await File.WriteAllBytesAsync(all, segments.SelectMany(s => s.Data.ToArray()).ToArray());
        await Ffprobe.AssertDecodesCleanlyAsync(all);
        using var whole = await Ffprobe.ProbeAsync(all);
        Assert.Equal(150, Ffprobe.Packets(whole, "video").Count());
    }

    [Fact]
    public void EverySegmentStartsWithPatPmtAndKeepsContinuityAndPcrInterval()
    {
        foreach (var s in Segment(media.H264AacFlv))
        {
            var span = s.Data.Span;
            Assert.Equal(0, span.Length % 188);
            Assert.Equal(0, ((span[1] & 0x1F) << 8) | span[2]); // PAT first
            Assert.Equal(TsMuxer.PmtPid, ((span[189] & 0x1F) << 8) | span[190]); // then PMT
            var demux = TsDemuxer.Demux(span);
            Assert.Equal(0, demux.ContinuityErrors);
            Assert.Equal(TsMuxer.VideoPid, demux.PcrPid);
            var pcrs = demux.PcrValues;
            Assert.True(pcrs.Count > 10);
            for (var i = 1; i < pcrs.Count; i++) Assert.InRange(pcrs[i] - pcrs[i - 1], 0, 9000);
            Assert.True(demux.Packets.First(p => p.Pid == TsMuxer.VideoPid).RandomAccess);
            var info = TsSegmentInfo.Probe(span);
            Assert.True(info.StartsWithKeyframe);
            Assert.Equal(320, info.Tracks.Width);
            Assert.Equal(240, info.Tracks.Height);
            Assert.InRange(info.Duration, s.Duration - 3000, s.Duration + 3000);
        }
    }
}
