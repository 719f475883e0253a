using Livepeer.Media.Codecs;
using Livepeer.Media.Profiles;
using Livepeer.Media.Transcoding;
using Livepeer.Media.Verification;

namespace Livepeer.Media.Tests.Verification;

/// <summary>VP8 (WebM, no audio), VP9 and AV1 (fragmented MP4 with the source AAC): honest renditions pass, tampered ones fail.</summary>
public class OtherCodecVerificationTests
{
    private static readonly SegmentVerifier Verifier = new(new VerificationOptions());

    public static TheoryData<VideoCodec> Codecs => new() { VideoCodec.Vp8, VideoCodec.Vp9, VideoCodec.Av1 };

    [Theory]
    [MemberData(nameof(Codecs))]
    public async Task HonestPassesAndTamperedFails(VideoCodec codec)
    {
        var profile = new VideoProfile("r144", 256, 144, 250_000, 30, 1, 1, codec, Preset: codec == VideoCodec.Av1 ? "12" : null);
        var source = VerificationClips.Segments("mandelbrot")[3];
        var transcoder = new FfmpegTranscoder();
        var honest = (await transcoder.TranscodeAsync(source, [profile])).Renditions[0];

        var report = await Verifier.VerifyAsync(source.Data, [new RenditionUnderTest(profile, honest.Data, honest.Pixels)], perceptual: true);
        Assert.True(report.Passed, string.Join("; ", report.Failures));
        Assert.True(report.Renditions[0].Ssim > 0.9);
        Assert.Equal(codec == VideoCodec.Vp8 ? null : 1.0, report.Renditions[0].AudioCorrelation);

        using var tmp = new TempDirectory();
        var kinds = new List<TamperKind> { TamperKind.Overlay, TamperKind.Watermark, TamperKind.Frozen, TamperKind.InflatedPixels };
        if (codec != VideoCodec.Vp8) kinds.Add(TamperKind.MissingAudio);
        foreach (var kind in kinds)
        {
            var tampered = await Tamper.ApplyAsync(kind, honest, null, tmp.Path);
            var r = await Verifier.VerifyAsync(source.Data, [tampered], perceptual: true);
            Assert.False(r.Passed, $"{kind} on {codec} passed");
        }
    }
}
