using System.Collections.Concurrent;
using System.Globalization;
using Livepeer.Media.Transcoding;
using Livepeer.Media.Verification;
using Xunit.Abstractions;

namespace Livepeer.Media.Tests.Verification;

/// <summary>
/// Accuracy against the real transcoder: 224 honest renditions (7 contents x 8 segments x H.264/HEVC x 2 sizes) must all
/// pass, about half of them also through the perceptual check; every tamper kind must be caught (watermarks and burned-in
/// text on every frame by the local, per-tile comparison).
/// </summary>
public class VerificationAccuracyTests(AccuracyCorpus corpus, ITestOutputHelper output) : IClassFixture<AccuracyCorpus>
{
    private static readonly SegmentVerifier Verifier = new(new VerificationOptions { PerceptualShare = 0.5, SamplingSeed = "accuracy-tests" });

    [Fact]
    public async Task HonestRenditionsNeverFail()
    {
        var results = await corpus.ResultsAsync();
        var reports = new ConcurrentBag<(TranscodeResult Result, VerificationReport Report)>();
        await Parallel.ForEachAsync(results, new ParallelOptions { MaxDegreeOfParallelism = 2 }, async (r, ct) =>
        {
            bool perceptual = Verifier.SamplesPerceptually(r.Source.StreamName, r.Source.Sequence);
            var under = r.Renditions.Select(x => new RenditionUnderTest(x.Profile, x.Data, x.Pixels)).ToList();
            reports.Add((r, await Verifier.VerifyAsync(r.Source.Data, under, perceptual, ct)));
        });

        var all = reports.SelectMany(x => x.Report.Renditions.Select(v => (x.Result.Source.StreamName, x.Report.Perceptual, V: v))).ToList();
        int perceptualCount = all.Count(x => x.Perceptual);
        output.WriteLine($"honest renditions: {all.Count}, perceptually checked: {perceptualCount}");
        foreach (var kind in all.GroupBy(x => x.StreamName))
        {
            var p = kind.Where(x => x.Perceptual).Select(x => x.V).ToList();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{kind.Key,-10} n={kind.Count(),3} perceptual={p.Count,3} meanSSIM min {Min(p, v => v.Ssim):0.000} window min {Min(p, v => v.MinWindowSsim):0.000} drop max {Max(p, v => v.MedianSsim - v.MinWindowSsim):0.000} tile max {Max(p, v => v.TileBias):0.0} audio min {Min(p, v => v.AudioCorrelation):0.000} black max {Max(p, v => v.BlackFrames):0} frozen max {Max(p, v => v.FrozenFrames):0}"));
        }
        var failures = all.SelectMany(x => x.V.Failures.Select(f => $"{x.StreamName}: {f}")).ToList();
        Assert.True(failures.Count == 0, "false failures:\n" + string.Join('\n', failures));
        Assert.True(all.Count >= 200, $"only {all.Count} honest renditions");
        Assert.True(perceptualCount >= 100, $"only {perceptualCount} perceptual checks");
        // Measured pixels equal the transcoder's claim exactly: the tolerance is slack, not something honest renditions need.
        Assert.All(all, x => Assert.Equal(0, x.V.MeasuredPixels - reports.Single(r => r.Report.Renditions.Contains(x.V)).Result.Renditions.Single(y => y.Profile.Name == x.V.Profile).Pixels));
    }

    private static double Min<T>(IEnumerable<T> xs, Func<T, double?> f) => xs.Select(f).Where(v => v.HasValue).Select(v => v!.Value).DefaultIfEmpty(double.NaN).Min();
    private static double Max<T>(IEnumerable<T> xs, Func<T, double?> f) => xs.Select(f).Where(v => v.HasValue).Select(v => v!.Value).DefaultIfEmpty(double.NaN).Max();

    /// <summary>Tampers that change nothing on a given content (a black clip blacked out, a still clip frozen) are not tampering.</summary>
    internal static bool Meaningful(TamperKind kind, string content) => (kind, content) switch
    {
        (TamperKind.BlackPart or TamperKind.BlackAll or TamperKind.Frozen, "black") => false,
        (TamperKind.Frozen, "static") => false,
        _ => true,
    };

    /// <summary>Tampers the pixel/format checks alone must catch, without the perceptual pass.</summary>
    internal static bool CaughtWithoutPerceptual(TamperKind kind) =>
        kind is TamperKind.InflatedPixels or TamperKind.WrongResolution or TamperKind.WrongFrameRate or TamperKind.MissingAudio;

    [Fact]
    public async Task EveryTamperKindIsDetected()
    {
        var kinds = VerificationClips.Kinds.Keys.ToArray();
        var cases = new List<(TamperKind Kind, string Content, long Seq, int Rendition)>();
        int i = 0;
        foreach (var t in Enum.GetValues<TamperKind>())
        {
            // Six cases per kind, spread over contents, segments and ladder rungs (both codecs).
            for (int c = 0, made = 0; made < 6; c++, i++)
            {
                var content = kinds[(i + c) % kinds.Length];
                if (!Meaningful(t, content)) continue;
                cases.Add((t, content, (i * 3 + c) % 8, (i + c) % AccuracyCorpus.Ladder.Length));
                made++;
            }
        }
        using var tmp = new TempDirectory();
        var outcomes = new ConcurrentBag<(TamperKind Kind, string Content, RenditionVerification V)>();
        await Parallel.ForEachAsync(cases, new ParallelOptions { MaxDegreeOfParallelism = 2 }, async (c, ct) =>
        {
            var honest = (await corpus.ResultAsync(c.Content, c.Seq)).Renditions[c.Rendition];
            var other = (await corpus.ResultAsync(VerificationClips.Unrelated(c.Content), c.Seq)).Renditions[c.Rendition];
            var tampered = await Tamper.ApplyAsync(c.Kind, honest, other, tmp.Path, ct);
            var source = VerificationClips.Segments(c.Content)[(int)c.Seq];
            var report = await Verifier.VerifyAsync(source.Data, [tampered], perceptual: !CaughtWithoutPerceptual(c.Kind), ct);
            outcomes.Add((c.Kind, c.Content, report.Renditions[0]));
        });
        var missed = new List<string>();
        foreach (var g in outcomes.GroupBy(o => o.Kind).OrderBy(g => g.Key))
        {
            int caught = g.Count(o => !o.V.Passed);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{g.Key,-18} detected {caught}/{g.Count()} by {string.Join(",", g.SelectMany(o => o.V.Failures.Select(f => f.Check)).Distinct())}; meanSSIM {Min(g, o => o.V.Ssim):0.000}..{Max(g, o => o.V.Ssim):0.000} drop {Min(g, o => o.V.MedianSsim - o.V.MinWindowSsim):0.000}..{Max(g, o => o.V.MedianSsim - o.V.MinWindowSsim):0.000} tile {Min(g, o => o.V.TileBias):0.0}..{Max(g, o => o.V.TileBias):0.0} audio {Max(g, o => o.V.AudioCorrelation):0.000} black {Min(g, o => o.V.BlackFrames)} frozen {Min(g, o => o.V.FrozenFrames)}"));
            missed.AddRange(g.Where(o => o.V.Passed).Select(o => $"{g.Key} on {o.Content} {o.V.Profile} passed (ssim {o.V.Ssim}, window {o.V.MinWindowSsim})"));
        }
        Assert.Equal(cases.Count, outcomes.Count);
        double rate = 1 - (double)missed.Count / outcomes.Count;
        Assert.True(rate >= 0.95, $"detected {rate:P1}; missed:\n{string.Join('\n', missed)}");
        // Overlays on every frame have no SSIM dip: it is the tile grid that catches them, every time.
        Assert.All(outcomes.Where(o => o.Kind is TamperKind.Watermark or TamperKind.WatermarkTranslucent or TamperKind.BurnedInText),
            o => Assert.Contains(o.V.Failures, f => f.Check == VerificationCheck.LocalDifference));
        // Every kind is caught at least 5 times in 6.
        Assert.All(outcomes.GroupBy(o => o.Kind), g => Assert.True(g.Count(o => !o.V.Passed) >= 5, $"{g.Key}: {string.Join('\n', missed)}"));
    }
}
