using Livepeer.Media.Codecs;
using Livepeer.Media.Flv;

namespace Livepeer.Media.Tests.Flv;

public class FlvPacketTests
{
    [Fact]
    public void LegacyAvcKeyframeWithNegativeCompositionTime()
    {
        var p = FlvVideoPacket.Parse(new byte[] { 0x17, 0x01, 0xFF, 0xFF, 0xFE, 0xAA });
        Assert.Equal((FlvVideoPacketKind.CodedFrames, IngestCodec.H264, true, -2), (p.Kind, p.Codec, p.Keyframe, p.CompositionTime));
        Assert.Equal(new byte[] { 0xAA }, p.Payload.ToArray());
    }

    [Fact]
    public void LegacyAvcSequenceHeaderAndInterFrame()
    {
        Assert.Equal(FlvVideoPacketKind.SequenceHeader, FlvVideoPacket.Parse(new byte[] { 0x17, 0x00, 0, 0, 0, 1 }).Kind);
        var inter = FlvVideoPacket.Parse(new byte[] { 0x27, 0x01, 0x00, 0x00, 0x42, 1 });
        Assert.False(inter.Keyframe);
        Assert.Equal(66, inter.CompositionTime);
    }

    [Fact]
    public void EnhancedRtmpHevcPacketTypes()
    {
        byte[] fourCc = "hvc1"u8.ToArray();
        var start = FlvVideoPacket.Parse((byte[])[0x90, .. fourCc, 1, 2]);
        Assert.Equal((FlvVideoPacketKind.SequenceHeader, IngestCodec.Hevc), (start.Kind, start.Codec));
        Assert.Equal(new byte[] { 1, 2 }, start.Payload.ToArray());
        var coded = FlvVideoPacket.Parse((byte[])[0x91, .. fourCc, 0, 0, 40, 9]);
        Assert.Equal((FlvVideoPacketKind.CodedFrames, true, 40), (coded.Kind, coded.Keyframe, coded.CompositionTime));
        Assert.Equal(new byte[] { 9 }, coded.Payload.ToArray());
        var codedX = FlvVideoPacket.Parse((byte[])[0xA3, .. fourCc, 7]);
        Assert.Equal((FlvVideoPacketKind.CodedFrames, false, 0), (codedX.Kind, codedX.Keyframe, codedX.CompositionTime));
        Assert.Equal(new byte[] { 7 }, codedX.Payload.ToArray());
        Assert.Equal(FlvVideoPacketKind.EndOfSequence, FlvVideoPacket.Parse((byte[])[0x92, .. fourCc]).Kind);
        var av1 = FlvVideoPacket.Parse((byte[])[0x91, .. "av01"u8.ToArray(), 1]);
        Assert.Null(av1.Codec);
        Assert.Equal("av01", av1.CodecName);
    }

    [Fact]
    public void AacPackets()
    {
        var header = FlvAudioPacket.Parse(new byte[] { 0xAF, 0x00, 0x12, 0x10 });
        Assert.True(header.IsAac && header.IsSequenceHeader);
        var raw = FlvAudioPacket.Parse(new byte[] { 0xAF, 0x01, 0x21 });
        Assert.False(raw.IsSequenceHeader);
        Assert.Equal(new byte[] { 0x21 }, raw.Payload.ToArray());
        Assert.False(FlvAudioPacket.Parse(new byte[] { 0x2F, 0x01 }).IsAac); // MP3
    }

    [Theory]
    [InlineData(new byte[0])]
    [InlineData(new byte[] { 0x17, 0x01 })]
    [InlineData(new byte[] { 0x91, 0x68 })]
    [InlineData(new byte[] { 0x91, 0x68, 0x76, 0x63, 0x31, 0 })]
    public void TruncatedVideoTagsThrowFlvFormatException(byte[] bytes) => Assert.Throws<FlvFormatException>(() => FlvVideoPacket.Parse(bytes));

    [Theory]
    [InlineData(new byte[0])]
    [InlineData(new byte[] { 0xAF })]
    [InlineData(new byte[] { 0xAF, 0x05 })]
    public void BrokenAudioTagsThrowFlvFormatException(byte[] bytes) => Assert.Throws<FlvFormatException>(() => FlvAudioPacket.Parse(bytes));
}
