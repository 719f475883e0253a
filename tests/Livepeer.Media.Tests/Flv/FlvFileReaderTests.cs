using Livepeer.Media.Flv;

namespace Livepeer.Media.Tests.Flv;

[Collection(MediaCollection.Name)]
public class FlvFileReaderTests(MediaFixture media)
{
    [Fact]
    public void ReadsEveryTagOfAnFfmpegFile()
    {
        var tags = FlvFileReader.ReadAll(media.H264AacFlv);
        Assert.Equal(FlvTagType.ScriptData, tags[0].Type);
        var video = tags.Where(t => t.Type == FlvTagType.Video).Select(t => FlvVideoPacket.Parse(t.Data)).ToList();
        Assert.Equal(150, video.Count(p => p.Kind == FlvVideoPacketKind.CodedFrames));
        Assert.Equal(1, video.Count(p => p.Kind == FlvVideoPacketKind.SequenceHeader));
        Assert.Equal(5, video.Count(p => p.Keyframe && p.Kind == FlvVideoPacketKind.CodedFrames)); // -g 30 over 5 s
        Assert.Contains(tags, t => t.Type == FlvTagType.Audio && FlvAudioPacket.Parse(t.Data).IsSequenceHeader);
        var times = tags.Where(t => t.Type == FlvTagType.Video).Select(t => t.Timestamp).ToList();
        Assert.Equal(times.Order(), times);
        Assert.InRange(times[^1], 4900u, 5000u);
    }

    [Fact]
    public void RejectsNonFlvAndTruncatedFiles()
    {
        Assert.Throws<FlvFormatException>(() => FlvFileReader.ReadAll("GIF89a..."u8.ToArray()));
        var truncated = media.H264AacFlv[..(media.H264AacFlv.Length / 2)];
        Assert.Throws<FlvFormatException>(() => FlvFileReader.ReadAll(truncated));
    }
}
