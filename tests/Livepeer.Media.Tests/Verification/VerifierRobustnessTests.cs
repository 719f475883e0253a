using Livepeer.Media.Codecs;
using Livepeer.Media.Profiles;
using Livepeer.Media.Transcoding;
using Livepeer.Media.Verification;

namespace Livepeer.Media.Tests.Verification;

/// <summary>Bad renditions are Decode failures, never exceptions; a missing ffmpeg, a bad source and cancellation are.</summary>
public class VerifierRobustnessTests
{
    private static readonly VideoProfile Profile = new("p144", 256, 144, 250_000, 30, 1, 1, VideoCodec.H264);
    private static readonly SegmentVerifier Verifier = new(new VerificationOptions());
    private static readonly Lazy<Task<TranscodeResult>> Honest = new(() =>
        new FfmpegTranscoder().TranscodeAsync(TestMedia.SmallSegments[1], [Profile]));

    private static async Task<RenditionVerification> VerifyAsync(byte[] data, bool perceptual = true)
    {
        var r = (await Honest.Value).Renditions[0];
        var report = await Verifier.VerifyAsync(TestMedia.SmallSegments[1].Data, [new RenditionUnderTest(Profile, data, r.Pixels)], perceptual);
        return Assert.Single(report.Renditions);
    }

    [Fact]
    public async Task HonestRenditionPassesBothWays()
    {
        var r = (await Honest.Value).Renditions[0];
        foreach (var perceptual in new[] { false, true })
        {
            var v = await VerifyAsync(r.Data, perceptual);
            Assert.True(v.Passed, string.Join("; ", v.Failures));
            Assert.Equal(r.Pixels, v.MeasuredPixels);
            Assert.Equal(perceptual, v.Ssim.HasValue);
        }
    }

    [Theory]
    [InlineData("empty")]
    [InlineData("garbage")]
    [InlineData("truncated")]
    [InlineData("corrupted")]
    [InlineData("audio-only")]
    public async Task MalformedRenditionIsAFailureNotAnException(string how)
    {
        var good = (await Honest.Value).Renditions[0].Data;
        byte[] data = how switch
        {
            "empty" => [],
            "garbage" => Enumerable.Range(0, 5000).Select(i => (byte)(i * 7919 % 251)).ToArray(),
            "truncated" => good[..(good.Length / 3 / 188 * 188)],
            "corrupted" => Corrupt(good),
            _ => await AudioOnlyAsync(),
        };
        foreach (var perceptual in new[] { false, true })
        {
            var v = await VerifyAsync(data, perceptual);
            Assert.False(v.Passed);
            Assert.Contains(v.Failures, f => f.Check is VerificationCheck.Decode or VerificationCheck.Pixels);
        }
    }

    private static byte[] Corrupt(byte[] good)
    {
        // Overwrite payload bytes (not sync bytes) in the middle two thirds of the video.
        var bad = (byte[])good.Clone();
        var rng = new Random(42);
        for (int off = good.Length / 6 / 188 * 188; off + 188 <= good.Length * 5 / 6; off += 188)
            for (int i = 20; i < 188; i += 3) bad[off + i] = (byte)rng.Next(256);
        return bad;
    }

    private static async Task<byte[]> AudioOnlyAsync()
    {
        using var tmp = new TempDirectory();
        var path = tmp.File("a.ts");
        TestMedia.Run("ffmpeg", ["-hide_banner", "-loglevel", "error", "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000", "-t", "1", "-c:a", "aac", "-f", "mpegts", path]);
        return await File.ReadAllBytesAsync(path);
    }

    [Fact]
    public async Task MissingFfmpegSaysWhatToInstall()
    {
        var verifier = new SegmentVerifier(new VerificationOptions { FfprobePath = "/nonexistent/ffprobe", FfmpegPath = "/nonexistent/ffmpeg" });
        var r = (await Honest.Value).Renditions[0];
        var e = await Assert.ThrowsAsync<VerificationUnavailableException>(() =>
            verifier.VerifyAsync(TestMedia.SmallSegments[1].Data, [new RenditionUnderTest(Profile, r.Data, r.Pixels)], true));
        Assert.Contains("apt install ffmpeg", e.Message, StringComparison.Ordinal);
        Assert.Contains("/nonexistent/ffprobe", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SourceThatIsNotASegmentIsAnArgumentError()
    {
        var r = (await Honest.Value).Renditions[0];
        var e = await Assert.ThrowsAsync<ArgumentException>(() =>
            Verifier.VerifyAsync(new byte[1000], [new RenditionUnderTest(Profile, r.Data, r.Pixels)], true));
        Assert.Equal("source", e.ParamName);
    }

    [Fact]
    public async Task CancellationThrows()
    {
        var r = (await Honest.Value).Renditions[0];
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            Verifier.VerifyAsync(TestMedia.SmallSegments[1].Data, [new RenditionUnderTest(Profile, r.Data, r.Pixels)], true, cts.Token));
    }

    [Fact]
    public async Task RenditionOfAnotherCodecOrProfileFails()
    {
        var r = (await Honest.Value).Renditions[0];
        var asHevc = Profile with { Codec = VideoCodec.Hevc };
        var report = await Verifier.VerifyAsync(TestMedia.SmallSegments[1].Data, [new RenditionUnderTest(asHevc, r.Data, r.Pixels)], false);
        Assert.Contains(report.Failures, f => f.Check == VerificationCheck.Decode && f.Reason.Contains("hevc", StringComparison.Ordinal));
        // Checked against a bigger profile, the same bytes are the wrong resolution and too few pixels.
        var big = Profile with { Width = 320, Height = 180 };
        report = await Verifier.VerifyAsync(TestMedia.SmallSegments[1].Data, [new RenditionUnderTest(big, r.Data, r.Frames * 320 * 180)], false);
        Assert.Contains(report.Failures, f => f.Check == VerificationCheck.Resolution);
        Assert.Contains(report.Failures, f => f.Check == VerificationCheck.Pixels);
        Assert.False(report.Passed);
    }

    [Fact]
    public async Task PixelToleranceIsOneFrame()
    {
        var r = (await Honest.Value).Renditions[0];
        long frame = Profile.Width * Profile.Height;
        async Task<bool> PassesWith(long claim) =>
            (await Verifier.VerifyAsync(TestMedia.SmallSegments[1].Data, [new RenditionUnderTest(Profile, r.Data, claim)], false)).Passed;
        Assert.True(await PassesWith(r.Pixels + frame));
        Assert.True(await PassesWith(r.Pixels - frame));
        Assert.False(await PassesWith(r.Pixels + frame + 1));
        Assert.False(await PassesWith(r.Pixels - 2 * frame));
    }

    [Fact]
    public async Task FailuresLandOnTheRenditionThatCausedThem()
    {
        var second = Profile with { Name = "p90", Width = 160, Height = 90, FpsNum = 15 };
        var result = await new FfmpegTranscoder().TranscodeAsync(TestMedia.SmallSegments[1], [Profile, second]);
        using var tmp = new TempDirectory();
        var overlay = await Tamper.ApplyAsync(TamperKind.Overlay, result.Renditions[1], null, tmp.Path);
        var good = result.Renditions[0];
        var truncated = new RenditionUnderTest(Profile, good.Data[..(good.Data.Length / 4 / 188 * 188)], good.Pixels);
        var report = await Verifier.VerifyAsync(TestMedia.SmallSegments[1].Data,
            [new RenditionUnderTest(Profile, good.Data, good.Pixels), overlay, truncated], perceptual: true);
        Assert.Equal(3, report.Renditions.Count);
        Assert.True(report.Renditions[0].Passed, string.Join("; ", report.Renditions[0].Failures));
        Assert.NotNull(report.Renditions[0].Ssim);
        Assert.Contains(report.Renditions[1].Failures, f => f.Check == VerificationCheck.Perceptual && f.Profile == "p90");
        Assert.Contains(report.Renditions[2].Failures, f => f.Check is VerificationCheck.Decode or VerificationCheck.Pixels);
        Assert.False(report.Passed);
        Assert.Equal(report.Renditions.Sum(r => r.Failures.Count), report.Failures.Count());
    }

    [Fact]
    public async Task WatermarkOnEveryFrameIsCaughtOnlyByTheLocalComparison()
    {
        using var tmp = new TempDirectory();
        var watermarked = await Tamper.ApplyAsync(TamperKind.Watermark, (await Honest.Value).Renditions[0], null, tmp.Path);
        var report = await Verifier.VerifyAsync(TestMedia.SmallSegments[1].Data, [watermarked], perceptual: true);
        var failure = Assert.Single(report.Failures);
        Assert.Equal(VerificationCheck.LocalDifference, failure.Check);
        // The box spans 76%..98% of each side: tiles 6 and 7 of 8, bottom right.
        Assert.Matches("row [67], column [67] of 8x8", failure.Reason);
        // Without the tile grid, frame-wide SSIM alone lets it through: the gap the local comparison closes.
        var wholeFrame = new SegmentVerifier(new VerificationOptions { TileGrid = 0 });
        var without = await wholeFrame.VerifyAsync(TestMedia.SmallSegments[1].Data, [watermarked], perceptual: true);
        Assert.True(without.Passed, string.Join("; ", without.Failures));
        Assert.Null(without.Renditions[0].TileBias);
    }
}
