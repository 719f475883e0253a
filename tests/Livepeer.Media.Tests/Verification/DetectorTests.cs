using System.Globalization;
using System.Text;
using Livepeer.Media.Verification;

namespace Livepeer.Media.Tests.Verification;

/// <summary>Each detector on synthetic input: metadata parsing, SSIM windows, relative black/frozen counting, audio correlation, probe parsing.</summary>
public class DetectorTests
{
    private static readonly VerificationOptions Options = new();

    private static string Print(IEnumerable<(double Ssim, double Luma, double Diff)> frames, bool ssim = true)
    {
        var sb = new StringBuilder();
        int n = 0;
        foreach (var (s, l, d) in frames)
        {
            sb.Append(CultureInfo.InvariantCulture, $"frame:{n} pts:{n * 3000} pts_time:{1.4 + n / 30.0:0.######}\n");
            if (ssim) sb.Append(CultureInfo.InvariantCulture, $"lavfi.ssim.Y=0.9\nlavfi.ssim.All={s}\nlavfi.ssim.dB=12.3\n");
            sb.Append(CultureInfo.InvariantCulture, $"lavfi.signalstats.YAVG={l}\nlavfi.signalstats.YDIF={d}\nlavfi.signalstats.HUEMED=nan\n");
            n++;
        }
        return sb.ToString();
    }

    private static PerceptualScores Score(IEnumerable<(double, double, double)> reference, IEnumerable<(double, double, double)> rendition) =>
        PerceptualScores.From(FrameMetadata.Parse(Print(reference, ssim: false)), FrameMetadata.Parse(Print(rendition)), Options);

    private static IEnumerable<(double, double, double)> Moving(int n, double luma = 100) => Enumerable.Range(0, n).Select(i => (0.95, luma, 5.0));

    [Fact]
    public void MetadataPrintIsParsed()
    {
        var frames = FrameMetadata.Parse(Print([(0.91, 80, 2.5), (0.5, 16, 0)]));
        Assert.Equal(2, frames.Count);
        Assert.Equal(1.4, frames[0].PtsTime, 6);
        Assert.Equal(0.91, frames[0].Get("lavfi.ssim.All"));
        Assert.Equal(16, frames[1].Get("lavfi.signalstats.YAVG"));
        Assert.True(double.IsNaN(frames[1].Get("missing")));
        Assert.Empty(FrameMetadata.Parse(""));
    }

    [Fact]
    public void HonestLikeFramesScoreClean()
    {
        var s = Score(Moving(30), Moving(30));
        Assert.Equal(0.95, s.MeanSsim, 6);
        Assert.Equal(0.95, s.MinWindowSsim, 6);
        Assert.Equal(0.95, s.MedianSsim, 6);
        Assert.Equal((0, 0, 30, 30), (s.BlackFrames, s.FrozenFrames, s.ReferenceFrames, s.RenditionFrames));
    }

    [Fact]
    public void ShortSsimDipShowsInTheWindowNotTheMedian()
    {
        var ren = Moving(30).Select((f, i) => i is >= 10 and < 14 ? (0.3, 100.0, 5.0) : f);
        var s = Score(Moving(30), ren);
        Assert.Equal(0.95, s.MedianSsim, 6);
        Assert.Equal(0.3, s.MinWindowSsim, 6);
        Assert.True(s.MeanSsim > 0.85);
    }

    [Fact]
    public void BlackFramesCountOnlyWhereTheReferenceHasPicture()
    {
        var ren = Moving(30).Select((f, i) => i < 5 ? (0.2, 16.0, 0.0) : f);
        Assert.Equal(5, Score(Moving(30), ren).BlackFrames);
        // A black source: black rendition frames are correct.
        Assert.Equal(0, Score(Moving(30, luma: 16), ren).BlackFrames);
    }

    [Fact]
    public void FrozenFramesCountOnlyWhereTheReferenceMoves()
    {
        var ren = Moving(30).Select((f, i) => i is >= 10 and < 20 ? (0.8, 100.0, 0.0) : f);
        Assert.Equal(10, Score(Moving(30), ren).FrozenFrames);
        var still = Enumerable.Range(0, 30).Select(_ => (0.99, 100.0, 0.0));
        Assert.Equal(0, Score(still, ren).FrozenFrames);
        // The first frame has nothing to repeat.
        Assert.Equal(0, Score(Moving(30), Moving(30).Select((f, i) => i == 0 ? (0.95, 100.0, 0.0) : f)).FrozenFrames);
    }

    [Fact]
    public void EmptyRenditionScoresZero()
    {
        var s = Score(Moving(30), []);
        Assert.Equal((0.0, 0, 30), (s.MeanSsim, s.RenditionFrames, s.ReferenceFrames));
    }

    private static short[] Tone(double hz, int n, int rate = 8000, double phase = 0, double gain = 8000) =>
        Enumerable.Range(0, n).Select(i => (short)(gain * Math.Sin(2 * Math.PI * hz * i / rate + phase))).ToArray();

    private static short[] Noise(int seed, int n)
    {
        var rng = new Random(seed);
        return Enumerable.Range(0, n).Select(_ => (short)rng.Next(-8000, 8000)).ToArray();
    }

    [Fact]
    public void SameAudioCorrelatesEvenShiftedOrQuieter()
    {
        var a = Noise(1, 8000);
        Assert.Equal(1, AudioSimilarity.Correlation(a, a, 400), 6);
        var shifted = a.Skip(80).ToArray();
        Assert.True(AudioSimilarity.Correlation(a, shifted, 400) > 0.99);
        var quiet = a.Select(x => (short)(x / 4)).ToArray();
        Assert.True(AudioSimilarity.Correlation(a, quiet, 0) > 0.99);
    }

    [Fact]
    public void DifferentAudioDoesNotCorrelate()
    {
        Assert.True(AudioSimilarity.Correlation(Tone(440, 8000), Tone(1234, 8000), 400) < 0.1);
        Assert.True(AudioSimilarity.Correlation(Noise(1, 8000), Noise(2, 8000), 400) < 0.1);
        Assert.True(AudioSimilarity.Correlation(Tone(440, 8000), Noise(3, 8000), 400) < 0.1);
        Assert.Equal(0, AudioSimilarity.Correlation(Tone(440, 8000), new short[8000], 400));
        Assert.Equal(0, AudioSimilarity.Correlation([], Tone(440, 10), 4));
    }

    [Fact]
    public void RmsAndPcmDecoding()
    {
        Assert.Equal(0, AudioSimilarity.Rms([]));
        Assert.Equal(0.5, AudioSimilarity.Rms([16384, -16384]), 6);
        Assert.Equal(new short[] { 1, -2, 256 }, AudioSimilarity.FromS16Le([1, 0, 0xFE, 0xFF, 0, 1, 7]));
    }

    [Fact]
    public void ProbeCountsFramesPixelsAndRate()
    {
        var frames = string.Join(',', Enumerable.Range(0, 30).Select(i =>
            $"{{\"media_type\":\"video\",\"stream_index\":0,\"best_effort_timestamp_time\":\"{(1.4 + i / 30.0).ToString("0.000000", CultureInfo.InvariantCulture)}\",\"width\":256,\"height\":144}}")
            .Append("{\"media_type\":\"audio\",\"stream_index\":1,\"best_effort_timestamp_time\":\"1.4\"}"));
        var json = $"{{\"frames\":[{frames}],\"streams\":[{{\"index\":0,\"codec_name\":\"h264\",\"codec_type\":\"video\"}},{{\"index\":1,\"codec_name\":\"aac\",\"codec_type\":\"audio\"}}]}}";
        var p = RenditionProbe.Parse(json);
        Assert.Equal(("h264", 256, 144, 30L, 30L * 256 * 144, false, true), (p.VideoCodec, p.Width, p.Height, p.Frames, p.Pixels, p.SizeChanges, p.HasAudio));
        Assert.Equal(30, p.FrameRate!.Value, 2);
    }

    [Fact]
    public void ProbeSeesSizeChangesAndRejectsNoVideo()
    {
        var json = "{\"frames\":[{\"stream_index\":0,\"width\":256,\"height\":144},{\"stream_index\":0,\"width\":128,\"height\":72}],\"streams\":[{\"index\":0,\"codec_name\":\"hevc\",\"codec_type\":\"video\"}]}";
        var p = RenditionProbe.Parse(json);
        Assert.True(p.SizeChanges);
        Assert.Equal(256L * 144 + 128 * 72, p.Pixels);
        Assert.Null(p.FrameRate);
        Assert.Throws<FormatException>(() => RenditionProbe.Parse("{\"streams\":[{\"index\":0,\"codec_type\":\"audio\"}]}"));
        Assert.Throws<FormatException>(() => RenditionProbe.Parse("{\"streams\":[{\"index\":0,\"codec_type\":\"video\"}],\"frames\":[]}"));
        Assert.Throws<FormatException>(() => RenditionProbe.Parse("not json"));
    }
}
