using Livepeer.Media.Codecs;

namespace Livepeer.Media.Tests.Codecs;

public class AnnexBWriterTests
{
    // A real x264 SPS (320x240, Constrained Baseline, from ffmpeg -preset ultrafast) and PPS.
    private static readonly byte[] Sps = Convert.FromHexString("6742C00DDA0507EC0440000003004000000C83C50AA8");
    private static readonly byte[] Pps = Convert.FromHexString("68CE0FC8");

    private static VideoDecoderConfiguration Avc()
    {
        byte[] record = [1, 0x42, 0xC0, 0x0D, 0xFF, 0xE1, (byte)(Sps.Length >> 8), (byte)Sps.Length, .. Sps, 1, (byte)(Pps.Length >> 8), (byte)Pps.Length, .. Pps];
        return VideoDecoderConfiguration.ParseAvc(record);
    }

    private static byte[] LengthPrefixed(params byte[][] nals) =>
        nals.SelectMany(n => new byte[] { (byte)(n.Length >> 24), (byte)(n.Length >> 16), (byte)(n.Length >> 8), (byte)n.Length }.Concat(n)).ToArray();

    [Fact]
    public void ConfigurationRecordGivesSizeAndSets()
    {
        var config = Avc();
        Assert.Equal((320, 240), (config.Width, config.Height));
        Assert.Equal(4, config.NalLengthSize);
        Assert.Equal(2, config.ParameterSets.Count);
    }

    [Fact]
    public void IdrGetsAudThenSpsPpsThenSlices()
    {
        var sei = new byte[] { 0x06, 0x05, 0x01, 0x00, 0x80 };
        var idr = new byte[] { 0x65, 0x88, 0x80, 0x10 };
        var output = AnnexBWriter.Convert(LengthPrefixed(sei, idr), Avc(), keyframe: true, out var containsIdr);
        Assert.True(containsIdr);
        byte[] expected = [0, 0, 0, 1, 0x09, 0xF0, 0, 0, 0, 1, .. Sps, 0, 0, 0, 1, .. Pps, 0, 0, 0, 1, .. sei, 0, 0, 0, 1, .. idr];
        Assert.Equal(expected, output);
    }

    [Fact]
    public void NonIdrGetsOnlyAudAndInBandSetsAreNotDuplicatedAndOldAudIsDropped()
    {
        var p = new byte[] { 0x41, 0x9A, 0x02 };
        Assert.Equal([0, 0, 0, 1, 0x09, 0xF0, 0, 0, 0, 1, .. p], AnnexBWriter.Convert(LengthPrefixed(p), Avc(), false, out var idr));
        Assert.False(idr);
        var idrNal = new byte[] { 0x65, 0x88 };
        var withSets = AnnexBWriter.Convert(LengthPrefixed([0x09, 0x10], Sps, Pps, idrNal), Avc(), true, out _);
        Assert.Equal([0, 0, 0, 1, 0x09, 0xF0, 0, 0, 0, 1, .. Sps, 0, 0, 0, 1, .. Pps, 0, 0, 0, 1, .. idrNal], withSets);
    }

    [Fact]
    public void BrokenLengthsThrowCodecFormatException()
    {
        Assert.Throws<CodecFormatException>(() => AnnexBWriter.Convert([0, 0, 0, 9, 0x65, 1], Avc(), true, out _));
        Assert.Throws<CodecFormatException>(() => AnnexBWriter.Convert([0, 0], Avc(), true, out _));
        Assert.Throws<CodecFormatException>(() => VideoDecoderConfiguration.ParseAvc([1, 0x64, 0, 0x0D, 0xFF, 0xE1, 0, 50, 0x67]));
        Assert.Throws<CodecFormatException>(() => VideoDecoderConfiguration.ParseAvc([1, 0x64, 0, 0x0D, 0xFF, 0xE0, 0]));
        Assert.Throws<CodecFormatException>(() => VideoDecoderConfiguration.ParseHevc(new byte[10]));
    }
}
