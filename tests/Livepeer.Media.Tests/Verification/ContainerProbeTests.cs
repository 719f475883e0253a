using Livepeer.Media.Codecs;
using Livepeer.Media.Profiles;
using Livepeer.Media.Tests.Support;
using Livepeer.Media.Transcoding;
using Livepeer.Media.Verification;

namespace Livepeer.Media.Tests.Verification;

/// <summary>
/// The container read (<see cref="ContainerProbe"/>) reports what decoding with ffprobe reports, on real transcoder output in
/// every container (MPEG-TS H.264/HEVC, WebM VP8, fMP4 VP9/AV1); mid-segment size changes show; malformed bytes are format errors.
/// </summary>
public class ContainerProbeTests
{
    private static readonly Lazy<Task<IReadOnlyList<RenditionSegment>>> Renditions = new(async () =>
    {
        VideoProfile P(string name, VideoCodec codec) => new(name, 256, 144, 250_000, 30, 1, 1, codec, Preset: codec == VideoCodec.Av1 ? "12" : null);
        // A generous limit: five encoders in one ffmpeg on a shared 2-core machine.
        var result = await new FfmpegTranscoder(new FfmpegTranscoderOptions { Timeout = TimeSpan.FromSeconds(60) }).TranscodeAsync(TestMedia.SmallSegments[1],
            [P("h264", VideoCodec.H264), P("hevc", VideoCodec.Hevc), P("vp8", VideoCodec.Vp8), P("vp9", VideoCodec.Vp9), P("av1", VideoCodec.Av1)]);
        return result.Renditions;
    });

    public static TheoryData<int> Rungs => new() { 0, 1, 2, 3, 4 };

    private static RenditionProbe Decoded(byte[] data, OutputContainer container)
    {
        using var tmp = new TempDirectory();
        var path = tmp.File(container switch { OutputContainer.MpegTs => "r.ts", OutputContainer.Fmp4 => "r.mp4", OutputContainer.WebM => "r.webm", _ => throw new ArgumentOutOfRangeException(nameof(container)) });
        File.WriteAllBytes(path, data);
        return RenditionProbe.Parse(TestMedia.Run("ffprobe", RenditionProbe.Arguments(path)).Stdout);
    }

    [Theory]
    [MemberData(nameof(Rungs))]
    public async Task ContainerReadMatchesTheDecode(int rung)
    {
        var r = (await Renditions.Value)[rung];
        var container = FfmpegCommand.ContainerFor(r.Profile.Codec);
        var read = ContainerProbe.Read(container, r.Data);
        var decoded = Decoded(r.Data, container);
        Assert.Equal(decoded.VideoCodec, read.VideoCodec);
        Assert.Equal((decoded.Width, decoded.Height), (read.Width, read.Height));
        Assert.Equal(decoded.Frames, read.Frames);
        Assert.Equal(decoded.Pixels, read.Pixels);
        Assert.Equal(r.Pixels, read.Pixels); // what the transcoder claims
        Assert.False(read.SizeChanges);
        Assert.Equal(decoded.HasAudio, read.HasAudio);
        Assert.Equal(container != OutputContainer.WebM, read.HasAudio);
        Assert.InRange(read.FrameRate!.Value, decoded.FrameRate!.Value * 0.99, decoded.FrameRate.Value * 1.01);
        Assert.InRange(read.FrameRate.Value, 29.5, 30.5);
    }

    [Fact]
    public void SizeChangeMidSegmentShowsInTs()
    {
        using var tmp = new TempDirectory();
        byte[] Encode(string size, string name)
        {
            TestMedia.Run("ffmpeg", ["-hide_banner", "-loglevel", "error", "-f", "lavfi", "-i", $"testsrc2=size={size}:rate=30", "-frames:v", "10",
                "-c:v", "libx264", "-preset", "ultrafast", "-f", "mpegts", tmp.File(name)]);
            return File.ReadAllBytes(tmp.File(name));
        }
        var joined = Encode("256x144", "a.ts").Concat(Encode("128x72", "b.ts")).ToArray();
        var read = ContainerProbe.Read(OutputContainer.MpegTs, joined);
        Assert.Equal((256, 144), (read.Width, read.Height));
        Assert.Equal(20, read.Frames);
        Assert.Equal(10L * 256 * 144 + 10L * 128 * 72, read.Pixels);
        Assert.True(read.SizeChanges);
        Assert.False(read.HasAudio);
    }

    [Theory]
    [MemberData(nameof(Rungs))]
    public async Task MalformedBytesAreFormatErrorsNeverOtherExceptions(int rung)
    {
        var r = (await Renditions.Value)[rung];
        var container = FfmpegCommand.ContainerFor(r.Profile.Codec);
        var good = r.Data.ToArray();
        var random = new Random(15 + rung);
        int rejected = 0;
        for (int i = 0; i < 300; i++)
        {
            var bad = i % 3 == 0 ? good[..random.Next(good.Length)] : Mutator.Mutate(good, random);
            try { ContainerProbe.Read(container, bad); }
            catch (FormatException) { rejected++; }
        }
        Assert.InRange(rejected, 1, 300); // some mutations must be noticed; none may escape as another exception type
        Assert.ThrowsAny<FormatException>(() => ContainerProbe.Read(container, []));
        Assert.ThrowsAny<FormatException>(() => ContainerProbe.Read(container, good[..(good.Length / 50)]));
    }

    [Fact]
    public async Task VerifierReadsTheContainerUnlessSampledOrAskedToDecode()
    {
        var r = (await Renditions.Value)[0];
        var under = new RenditionUnderTest(r.Profile, r.Data, r.Pixels);
        // ffprobe missing: the container read needs no process, the decode path reports what to install.
        var noTools = new VerificationOptions { FfprobePath = "/nonexistent/ffprobe", FfmpegPath = "/nonexistent/ffmpeg" };
        var report = await new SegmentVerifier(noTools).VerifyAsync(TestMedia.SmallSegments[1].Data, [under], perceptual: false);
        Assert.True(report.Passed, string.Join("; ", report.Failures));
        Assert.Equal(r.Frames, report.Renditions[0].MeasuredFrames);
        noTools.FormatCheck = FormatCheckMode.Decode;
        await Assert.ThrowsAsync<VerificationUnavailableException>(() =>
            new SegmentVerifier(noTools).VerifyAsync(TestMedia.SmallSegments[1].Data, [under], perceptual: false));
        // A container that cannot be read is a typed Decode failure.
        var truncated = new RenditionUnderTest(r.Profile, r.Data[..1000], r.Pixels);
        report = await new SegmentVerifier(new VerificationOptions()).VerifyAsync(TestMedia.SmallSegments[1].Data, [truncated], perceptual: false);
        Assert.Contains(report.Failures, f => f.Check == VerificationCheck.Decode);
    }
}
