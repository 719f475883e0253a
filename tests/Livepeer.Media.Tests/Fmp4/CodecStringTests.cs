using System.Globalization;
using Livepeer.Media.Codecs;
using Livepeer.Media.Fmp4;
using Livepeer.Media.Profiles;
using Livepeer.Media.Transcoding;

namespace Livepeer.Media.Tests.Fmp4;

/// <summary>RFC 6381 strings come from the encoded stream's own configuration record, cross-checked with ffprobe.</summary>
public class CodecStringTests
{
    [Theory]
    [InlineData(VideoCodec.H264, "high", @"^avc1\.64(00|08|0C)[0-9A-F]{2}$")]
    [InlineData(VideoCodec.H264, "baseline", @"^avc1\.42[0-9A-F]{2}[0-9A-F]{2}$")]
    [InlineData(VideoCodec.Hevc, null, @"^hvc1\.1\.6\.L\d+\.[0-9A-F]{2}(\.[0-9A-F]{2})*$")]
    [InlineData(VideoCodec.Vp9, null, @"^vp09\.00\.\d\d\.08$")]
    [InlineData(VideoCodec.Av1, null, @"^av01\.0\.\d\d[MH]\.08$")]
    public async Task DerivedFromTheStream(VideoCodec codec, string? profile, string pattern)
    {
        var p = new VideoProfile("c", 320, 180, 300_000, 30, 1, 1, codec, profile, codec == VideoCodec.Av1 ? "12" : null);
        var r = (await new FfmpegTranscoder().TranscodeAsync(TestMedia.SmallSegments[0], [p])).Renditions[0];
        var frag = (await new CmafPackager().PackageAsync([new CmafPackager.Job(r.Data, r.Extension, false, CodecTable.Of(codec).CodecsPrefix)]))[0];
        var track = Assert.Single(frag.Tracks);
        Assert.Matches(pattern, track.Codec);
        Assert.Equal((320, 180), (track.Width, track.Height));

        using var probe = TestMedia.ProbeBytes(r.Data, r.Extension, "-select_streams", "v:0", "-show_entries", "stream=profile,level");
        var s = probe.RootElement.GetProperty("streams")[0];
        int level = s.GetProperty("level").GetInt32();
        switch (codec)
        {
            case VideoCodec.H264:
                Assert.EndsWith(level.ToString("X2", CultureInfo.InvariantCulture), track.Codec);
                Assert.Equal(profile == "high" ? "High" : "Constrained Baseline", s.GetProperty("profile").GetString());
                break;
            case VideoCodec.Hevc:
                Assert.Contains($".L{level}.", track.Codec);
                break;
        }
    }

    [Fact]
    public async Task AacIsMp4a402()
    {
        var frag = (await new CmafPackager().PackageAsync([new CmafPackager.Job(TestMedia.SmallSegments[0].Data, "ts", Audio: true)]))[0];
        Assert.Equal(("mp4a.40.2", 48000, "soun"), (frag.Audio!.Codec, frag.Audio.SampleRate, frag.Audio.Handler));
    }
}
