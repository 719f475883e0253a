using Livepeer.Media.Codecs;
using Livepeer.Media.Flv;
using Livepeer.Media.Ingest;
using Livepeer.Media.MpegTs;

namespace Livepeer.Media.Tests.Codecs;

/// <summary>Picture sizes from SPSs that ffmpeg's encoders wrote (cropping, 4:4:4, interlaced).</summary>
public class SpsParsingTests
{
    private static async Task<byte[]> EncodeAsync(string args, string format)
    {
        using var dir = new TempDirectory();
        var path = dir.File("out");
        var r = await ExternalTool.RunAsync("ffmpeg", $"-v error -y {args} -frames:v 1 -f {format} {path}", TimeSpan.FromSeconds(60));
        Assert.True(r.ExitCode == 0, r.Stderr);
        return await File.ReadAllBytesAsync(path);
    }

    [Theory]
    [InlineData("1920x1080", "", 1920, 1080)]
    [InlineData("642x362", "", 642, 362)]
    [InlineData("320x240", "-pix_fmt yuv444p", 320, 240)]
    [InlineData("720x576", "-flags +ildct+ilme -x264opts tff=1", 720, 576)]
    public async Task H264SizeFromAvcDecoderConfigurationRecord(string size, string extra, int width, int height)
    {
        var flv = await EncodeAsync($"-f lavfi -i testsrc2=size={size}:rate=25 -c:v libx264 -preset ultrafast {extra}", "flv");
        var remuxer = new FlvRemuxer();
        foreach (var tag in FlvFileReader.ReadAll(flv).Where(t => t.Type == FlvTagType.Video)) remuxer.Video(tag.Timestamp, tag.Data);
        Assert.Equal(("h264", width, height), (remuxer.VideoFormat!.Codec, remuxer.VideoFormat.Width, remuxer.VideoFormat.Height));
    }

    [Theory]
    [InlineData("1920x1080", 1920, 1080)]
    [InlineData("642x362", 642, 362)]
    public async Task HevcSizeFromSps(string size, int width, int height)
    {
        var es = await EncodeAsync($"-f lavfi -i testsrc2=size={size}:rate=25 -c:v libx265 -preset ultrafast -x265-params log-level=error", "hevc");
        var sps = TsSegmentInfo.AnnexBNalUnits(es).First(n => AnnexBWriter.NalType(IngestCodec.Hevc, n.Span[0]) == 33);
        var parsed = HevcSps.Parse(sps.Span);
        Assert.Equal((width, height), (parsed.Width, parsed.Height));
        Assert.Equal(1, parsed.ProfileIdc); // Main
    }

    [Fact]
    public void NonSpsBytesAreRejectedWithCodecFormatException()
    {
        Assert.Throws<CodecFormatException>(() => H264Sps.Parse([0x68, 0xCE, 0x38, 0x80]));
        Assert.Throws<CodecFormatException>(() => H264Sps.Parse([0x67, 0x64]));
        Assert.Throws<CodecFormatException>(() => H264Sps.Parse([0x67, 0x64, 0x00, 0x1F]));
        Assert.Throws<CodecFormatException>(() => HevcSps.Parse([0x42, 0x01, 0x01]));
    }
}
