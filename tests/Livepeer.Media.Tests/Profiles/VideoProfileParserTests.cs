using Livepeer.Media.Codecs;
using Livepeer.Media.Profiles;

namespace Livepeer.Media.Tests.Profiles;

public class VideoProfileParserTests
{
    [Fact]
    public void ParsesPresetNames()
    {
        var list = VideoProfileParser.Parse("P720p30fps16x9, P360p30fps16x9,P144p30fps16x9");
        Assert.Equal(["P720p30fps16x9", "P360p30fps16x9", "P144p30fps16x9"], list.Select(p => p.Name));
        Assert.Equal((1280, 720, 4_000_000L, 30), (list[0].Width, list[0].Height, list[0].Bitrate, list[0].FpsNum));
        Assert.Equal((640, 360, 1_200_000L), (list[1].Width, list[1].Height, list[1].Bitrate));
        Assert.All(list, p => Assert.Equal(VideoCodec.H264, p.Codec));
    }

    [Theory]
    [InlineData("P720p30fps16x9", 1280, 720, 4000)]
    [InlineData("P576p30fps16x9", 1024, 576, 1500)]
    [InlineData("P360p30fps16x9", 640, 360, 1200)]
    [InlineData("P240p30fps16x9", 426, 240, 600)]
    [InlineData("P144p30fps16x9", 256, 144, 400)]
    [InlineData("P720p60fps16x9", 1280, 720, 6000)]
    [InlineData("P240p30fps4x3", 320, 240, 600)]
    public void PresetsMatchLivepeer(string name, int w, int h, int kbps)
    {
        var p = VideoProfilePresets.ByName[name];
        Assert.Equal((w, h, kbps * 1000L), (p.Width, p.Height, p.Bitrate));
    }

    [Fact]
    public void DefaultLadderIsTheFiveDesignPresets() =>
        Assert.Equal(["P720p30fps16x9", "P576p30fps16x9", "P360p30fps16x9", "P240p30fps16x9", "P144p30fps16x9"],
            VideoProfilePresets.DefaultLadder.Select(p => p.Name));

    [Fact]
    public void UnknownPresetNamesTheKnownOnes()
    {
        var e = Assert.Throws<ProfileException>(() => VideoProfileParser.Parse("P720p30fps16x9,P999p"));
        Assert.Contains("P999p", e.Message);
        Assert.Contains("P360p30fps16x9", e.Message);
    }

    [Fact]
    public void EmptyEntryAndEmptyListAreRejected()
    {
        Assert.Throws<ProfileException>(() => VideoProfileParser.Parse("P720p30fps16x9,,P360p30fps16x9"));
        Assert.Throws<ProfileException>(() => VideoProfileParser.Parse("  "));
        Assert.Throws<ProfileException>(() => VideoProfileParser.Parse("[]"));
    }

    [Fact]
    public void ParsesGoLivepeerJson()
    {
        const string json = """
        [
          {"name":"hd","width":1280,"height":720,"bitrate":3000000,"fps":30000,"fpsDen":1001,"gop":"2.5","profile":"H264High","encoder":"H264"},
          {"name":"hevc","width":640,"height":360,"bitrate":"800k","fps":0,"encoder":"HEVC"},
          {"name":"v9","width":320,"height":180,"bitrate":300000,"fps":15,"encoder":"vp9","preset":"7"},
          {"name":"a1","width":320,"height":180,"bitrate":300000,"fps":30,"encoder":"AV1","gop":"intra"},
          {"name":"v8","width":320,"height":180,"bitrate":300000,"encoder":"VP8","profile":"None"}
        ]
        """;
        var list = VideoProfileParser.Parse(json);
        Assert.Equal(5, list.Count);
        Assert.Equal(new VideoProfile("hd", 1280, 720, 3_000_000, 30000, 1001, 2.5, VideoCodec.H264, "high"), list[0]);
        Assert.Equal((VideoCodec.Hevc, 800_000L, 0, (double?)null), (list[1].Codec, list[1].Bitrate, list[1].FpsNum, list[1].FrameRate));
        Assert.Equal((VideoCodec.Vp9, "7"), (list[2].Codec, list[2].Preset));
        Assert.Equal((VideoCodec.Av1, VideoProfile.IntraOnly), (list[3].Codec, list[3].GopSeconds));
        Assert.Equal(VideoCodec.Vp8, list[4].Codec);
        Assert.Equal(29.97, list[0].FrameRate!.Value, 2);
    }

    [Fact]
    public void AcceptsProfilesWrapperObject() =>
        Assert.Single(VideoProfileParser.Parse("""{"profiles":[{"name":"x","width":2,"height":2,"bitrate":1}]}"""));

    [Theory]
    [InlineData("""[{"width":2,"height":2,"bitrate":1}]""", "no \"name\"")]
    [InlineData("""[{"name":"a","height":2,"bitrate":1}]""", "no \"width\"")]
    [InlineData("""[{"name":"a","width":3,"height":2,"bitrate":1}]""", "even")]
    [InlineData("""[{"name":"a","width":2,"height":2,"bitrate":0}]""", "bitrate")]
    [InlineData("""[{"name":"a","width":2,"height":2,"bitrate":1,"fps":1000}]""", "frame rate")]
    [InlineData("""[{"name":"a","width":2,"height":2,"bitrate":1,"encoder":"mpeg2"}]""", "unknown \"encoder\"")]
    [InlineData("""[{"name":"a","width":2,"height":2,"bitrate":1,"encoder":"VP9","profile":"H264High"}]""", "does not apply")]
    [InlineData("""[{"name":"a","width":2,"height":2,"bitrate":1,"gop":"often"}]""", "gop")]
    [InlineData("""[{"name":"a b","width":2,"height":2,"bitrate":1}]""", "invalid")]
    [InlineData("""[{"name":"a","width":2,"height":2,"bitrate":1},{"name":"A","width":2,"height":2,"bitrate":1}]""", "twice")]
    [InlineData("""[{"name":"source","width":2,"height":2,"bitrate":1}]""", "reserved")]
    [InlineData("""[{"name":"a","width":"wide","height":2,"bitrate":1}]""", "whole number")]
    [InlineData("""[{"name":"a",""", "not valid JSON")]
    [InlineData("""{"name":"a"}""", "array")]
    public void InvalidJsonSaysWhatIsWrong(string json, string expected)
    {
        var e = Assert.Throws<ProfileException>(() => VideoProfileParser.Parse(json));
        Assert.Contains(expected, e.Message, StringComparison.OrdinalIgnoreCase);
    }
}
