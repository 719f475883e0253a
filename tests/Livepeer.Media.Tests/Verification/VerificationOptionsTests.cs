using Livepeer.Media.Verification;

namespace Livepeer.Media.Tests.Verification;

public class VerificationOptionsTests
{
    [Fact]
    public void DefaultsAreValid() => new VerificationOptions().Validate();

    public static TheoryData<string, Action<VerificationOptions>> Invalid => new()
    {
        { nameof(VerificationOptions.FfmpegPath), o => o.FfmpegPath = " " },
        { nameof(VerificationOptions.FfprobePath), o => o.FfprobePath = "" },
        { nameof(VerificationOptions.TempDirectory), o => o.TempDirectory = "/no/such/dir/anywhere" },
        { nameof(VerificationOptions.Timeout), o => o.Timeout = TimeSpan.Zero },
        { nameof(VerificationOptions.PixelToleranceFrames), o => o.PixelToleranceFrames = -1 },
        { nameof(VerificationOptions.FrameRateTolerance), o => o.FrameRateTolerance = double.NaN },
        { nameof(VerificationOptions.MinMeanSsim), o => o.MinMeanSsim = 1.5 },
        { nameof(VerificationOptions.MinWindowSsim), o => o.MinWindowSsim = -0.1 },
        { nameof(VerificationOptions.MaxSsimDrop), o => o.MaxSsimDrop = 2 },
        { nameof(VerificationOptions.SsimWindowFrames), o => o.SsimWindowFrames = 0 },
        { nameof(VerificationOptions.CompareWidth), o => o.CompareWidth = 15 },
        { nameof(VerificationOptions.CompareWidth), o => o.CompareWidth = 161 },
        { nameof(VerificationOptions.TileGrid), o => o.TileGrid = 3 },
        { nameof(VerificationOptions.TileGrid), o => o.TileGrid = 18 },
        { nameof(VerificationOptions.MaxTileBias), o => o.MaxTileBias = -1 },
        { nameof(VerificationOptions.BlackLumaMax), o => o.BlackLumaMax = 300 },
        { nameof(VerificationOptions.BlackReferenceLumaMin), o => o.BlackReferenceLumaMin = 10 },
        { nameof(VerificationOptions.MaxBlackFrames), o => o.MaxBlackFrames = -1 },
        { nameof(VerificationOptions.FrozenReferenceDiffMin), o => o.FrozenReferenceDiffMin = 0.05 },
        { nameof(VerificationOptions.MaxFrozenFrames), o => o.MaxFrozenFrames = -1 },
        { nameof(VerificationOptions.AudioSampleRate), o => o.AudioSampleRate = 100 },
        { nameof(VerificationOptions.MinAudioCorrelation), o => o.MinAudioCorrelation = 1.1 },
        { nameof(VerificationOptions.AudioMaxLagMs), o => o.AudioMaxLagMs = -5 },
        { nameof(VerificationOptions.AudioSilenceRms), o => o.AudioSilenceRms = -1 },
        { nameof(VerificationOptions.PerceptualShare), o => o.PerceptualShare = 1.01 },
        { nameof(VerificationOptions.PerceptualShare), o => o.PerceptualShare = double.NaN },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void InvalidSettingIsNamed(string name, Action<VerificationOptions> breakIt)
    {
        var o = new VerificationOptions();
        breakIt(o);
        var e = Assert.Throws<ArgumentException>(o.Validate);
        Assert.Equal(name, e.ParamName);
        Assert.Contains(name, e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new SegmentVerifier(o));
    }

    [Fact]
    public void SamplingIsDeterministicAndMatchesTheShare()
    {
        var a = new SegmentVerifier(new VerificationOptions { PerceptualShare = 0.25, SamplingSeed = "s1" });
        var b = new SegmentVerifier(new VerificationOptions { PerceptualShare = 0.25, SamplingSeed = "s1" });
        var c = new SegmentVerifier(new VerificationOptions { PerceptualShare = 0.25, SamplingSeed = "s2" });
        int picked = 0, differs = 0;
        for (long seq = 0; seq < 4000; seq++)
        {
            bool x = a.SamplesPerceptually("stream", seq);
            Assert.Equal(x, b.SamplesPerceptually("stream", seq));
            if (x) picked++;
            if (x != c.SamplesPerceptually("stream", seq)) differs++;
        }
        Assert.InRange(picked, 900, 1100);
        Assert.True(differs > 1000, $"another seed picks other segments ({differs} of 4000 differ)");
        Assert.NotEqual(Enumerable.Range(0, 64).Select(i => a.SamplesPerceptually("one", i)), Enumerable.Range(0, 64).Select(i => a.SamplesPerceptually("two", i)));
    }

    [Fact]
    public void ShareZeroAndOneAreNeverAndAlways()
    {
        var never = new SegmentVerifier(new VerificationOptions { PerceptualShare = 0 });
        var always = new SegmentVerifier(new VerificationOptions { PerceptualShare = 1 });
        for (long seq = 0; seq < 200; seq++)
        {
            Assert.False(never.SamplesPerceptually("s", seq));
            Assert.True(always.SamplesPerceptually("s", seq));
        }
    }
}
