using System.Globalization;
using System.Text.Json;
using Livepeer.Media.Codecs;
using Livepeer.Media.Fmp4;
using Livepeer.Media.Profiles;
using Livepeer.Media.Transcoding;

namespace Livepeer.Media.Tests.Transcoding;

/// <summary>End to end with Debian's ffmpeg: every codec, two renditions, three continuous 1 s segments.</summary>
public class TranscoderCodecTests
{
    private static readonly FfmpegTranscoder Transcoder = new(new FfmpegTranscoderOptions { ComputeSignatures = true });

    public static TheoryData<VideoCodec> Codecs => new() { VideoCodec.H264, VideoCodec.Hevc, VideoCodec.Vp8, VideoCodec.Vp9, VideoCodec.Av1 };

    private static VideoProfile[] Ladder(VideoCodec codec) =>
    [
        new("r180", 320, 180, 400_000, 30, 1, 1.0, codec, Preset: codec == VideoCodec.Av1 ? "12" : null),
        new("r90", 160, 90, 150_000, 15, 1, 1.0, codec, Preset: codec == VideoCodec.Av1 ? "12" : null),
    ];

    [Theory]
    [MemberData(nameof(Codecs))]
    public async Task EachCodecProducesAlignedContinuousRenditions(VideoCodec codec)
    {
        var source = TestMedia.SmallSegments;
        var ladder = Ladder(codec);
        var results = new List<TranscodeResult>();
        foreach (var seg in source)
            results.Add(await Transcoder.TranscodeAsync(seg, ladder));

        string expectedCodec = codec switch { VideoCodec.H264 => "h264", VideoCodec.Hevc => "hevc", VideoCodec.Vp8 => "vp8", VideoCodec.Vp9 => "vp9", _ => "av1" };
        double sourceStart = source[0].StartPts / 90000.0;
        double sourceEnd = (source[^1].StartPts + source[^1].Duration) / 90000.0;

        for (int r = 0; r < ladder.Length; r++)
        {
            var p = ladder[r];
            double frame = 1.0 / p.FrameRate!.Value;
            var dir = Path.Combine(TestMedia.Root, $"cont-{codec}-{p.Name}-{Guid.NewGuid():N}");
            Directory.CreateDirectory(dir);
            var concat = new MemoryStream();
            long totalFrames = 0;
            for (int s = 0; s < results.Count; s++)
            {
                var rendition = results[s].Renditions[r];
                Assert.Equal(p, rendition.Profile);
                Assert.Equal(FfmpegCommand.ContainerFor(codec), rendition.Container);
                using var info = TestMedia.ProbeBytes(rendition.Data, rendition.Extension, "-select_streams", "v:0", "-count_packets",
                    "-show_entries", "stream=codec_name,width,height,r_frame_rate,start_time,nb_read_packets", "-show_packets", "-show_entries", "packet=flags");
                var st = info.RootElement.GetProperty("streams")[0];
                Assert.Equal(expectedCodec, st.GetProperty("codec_name").GetString());
                Assert.Equal((p.Width, p.Height), (st.GetProperty("width").GetInt32(), st.GetProperty("height").GetInt32()));
                Assert.Equal($"{p.FpsNum}/1", st.GetProperty("r_frame_rate").GetString());
                long packets = long.Parse(st.GetProperty("nb_read_packets").GetString()!, CultureInfo.InvariantCulture);
                Assert.Equal(packets, rendition.Frames);
                Assert.Equal(rendition.Frames * p.Width * p.Height, rendition.Pixels);
                // One segment of 1 s at the profile's rate, give or take a frame.
                Assert.InRange(rendition.Frames, p.FpsNum - 1, p.FpsNum + 1);
                Assert.StartsWith("K", info.RootElement.GetProperty("packets")[0].GetProperty("flags").GetString());
                // Each rendition keeps the source timestamps: it starts where its source segment starts.
                double start = double.Parse(st.GetProperty("start_time").GetString()!, CultureInfo.InvariantCulture);
                Assert.InRange(start, source[s].StartPts / 90000.0 - frame, source[s].StartPts / 90000.0 + frame);
                Assert.NotNull(rendition.Signature);
                Assert.True(rendition.Signature!.Length > 100);
                totalFrames += rendition.Frames;

                switch (rendition.Container)
                {
                    case OutputContainer.MpegTs:
                        concat.Write(rendition.Data);
                        break;
                    case OutputContainer.Fmp4:
                        var f = Fmp4Segment.Parse(rendition.Data);
                        if (s == 0) concat.Write(f.Init);
                        concat.Write(f.Media);
                        break;
                    default:
                        File.WriteAllBytes(Path.Combine(dir, $"{s}.webm"), rendition.Data);
                        break;
                }
            }

            if (codec == VideoCodec.Vp8)
                continue; // WebM segments are separate files; their start times were checked against the source above.
            var path = Path.Combine(dir, "all." + (codec is VideoCodec.H264 or VideoCodec.Hevc ? "ts" : "mp4"));
            File.WriteAllBytes(path, concat.ToArray());
            Assert.Equal("", TestMedia.DecodeErrors(path).Trim());
            using var all = TestMedia.Probe(path, "-select_streams", "v:0", "-count_packets", "-show_entries", "stream=start_time,nb_read_packets");
            var a = all.RootElement.GetProperty("streams")[0];
            Assert.Equal(totalFrames, long.Parse(a.GetProperty("nb_read_packets").GetString()!, CultureInfo.InvariantCulture));
            double allStart = double.Parse(a.GetProperty("start_time").GetString()!, CultureInfo.InvariantCulture);
            Assert.InRange(allStart, sourceStart - frame, sourceStart + frame);
            // Duration of the concatenation = frames x frame time; it must match the source span within one frame.
            double duration = totalFrames * frame;
            Assert.InRange(duration, sourceEnd - sourceStart - frame, sourceEnd - sourceStart + frame);
        }
    }
}

public class TranscoderSourceRateTests
{
    [Fact]
    public async Task FpsZeroKeepsTheSourceFrameRate()
    {
        var r = await new FfmpegTranscoder().TranscodeAsync(TestMedia.SmallSegments[1], [new VideoProfile("keep", 160, 90, 150_000, 0, 1, 1.0)]);
        var rendition = Assert.Single(r.Renditions);
        using var info = TestMedia.ProbeBytes(rendition.Data, "ts", "-select_streams", "v:0", "-show_entries", "stream=r_frame_rate");
        Assert.Equal("30/1", info.RootElement.GetProperty("streams")[0].GetProperty("r_frame_rate").GetString());
        Assert.InRange(rendition.Frames, 29, 31);
        Assert.Null(rendition.Signature);
    }
}

public class SignatureTests
{
    [Fact]
    public async Task SignaturesAreDeterministicAndContentDependent()
    {
        var t = new FfmpegTranscoder(new FfmpegTranscoderOptions { ComputeSignatures = true });
        VideoProfile[] ladder = [new("r90", 160, 90, 150_000, 30, 1, 1.0), new("r72", 128, 72, 100_000, 30, 1, 1.0)];
        var a = await t.TranscodeAsync(TestMedia.SmallSegments[0], ladder);
        var b = await t.TranscodeAsync(TestMedia.SmallSegments[0], ladder);
        var c = await t.TranscodeAsync(TestMedia.SmallSegments[1], ladder);
        Assert.Equal(a.Renditions[0].Signature, b.Renditions[0].Signature);
        Assert.NotEqual(a.Renditions[0].Signature, c.Renditions[0].Signature);
        Assert.NotEqual(a.Renditions[0].Signature, a.Renditions[1].Signature);
    }
}
