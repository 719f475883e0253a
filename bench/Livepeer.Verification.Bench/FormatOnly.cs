using System.Diagnostics;
using System.Globalization;
using System.Text;
using Livepeer.Media.Profiles;
using Livepeer.Media.Tests.Verification;
using Livepeer.Media.Transcoding;
using Livepeer.Media.Verification;

namespace Livepeer.Verification.Bench;

/// <summary>
/// `--format-only`: the pixel/format checks of segments not sampled for the perceptual pass, read from the container (the
/// default) against decoding with ffprobe (before issue 15), on the same renditions in one run: added latency per segment,
/// false failures on honest renditions, and detection per tamper kind. The perceptual pass is the same code either way and
/// is left to the full run.
/// </summary>
internal static class FormatOnly
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static async Task<int> RunAsync(string outPath, int realisticSegments)
    {
        var container = new SegmentVerifier(new VerificationOptions { PerceptualShare = 0 });
        var decoding = new SegmentVerifier(new VerificationOptions { PerceptualShare = 0, FormatCheck = FormatCheckMode.Decode });
        var transcoder = new FfmpegTranscoder(new FfmpegTranscoderOptions { Timeout = TimeSpan.FromSeconds(120) });
        await transcoder.GetEncodersAsync();

        // Transcodes first (two at a time), timing afterwards one verification at a time, so the latencies are not measured
        // next to our own transcodes.
        VideoProfile[] realisticLadder = [VideoProfilePresets.P360p30fps16x9 with { Width = 854, Height = 480, Name = "P480p30fps16x9", Bitrate = 1_600_000 }, VideoProfilePresets.P360p30fps16x9];
        var realisticSegs = Livepeer.Media.Tests.TestMedia.Generate("bench720", 1280, 720, 30, 2 * realisticSegments, 2, "bench720");
        var sets = new List<(string Set, string Name, ReadOnlyMemory<byte> Source, TranscodeResult Result)>();
        var jobs = realisticSegs.Select(s => ("realistic", s, realisticLadder)).Concat(AccuracyCorpus.Segments.Select(s => ("small", s, AccuracyCorpus.Ladder))).ToList();
        var done = new (string, string, ReadOnlyMemory<byte>, TranscodeResult)[jobs.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, jobs.Count), new ParallelOptions { MaxDegreeOfParallelism = 2 }, async (i, ct) =>
        {
            var (set, seg, ladder) = jobs[i];
            done[i] = (set, $"{seg.StreamName}/{seg.Sequence}", seg.Data, await transcoder.TranscodeAsync(seg, ladder, ct));
        });
        sets.AddRange(done);
        Console.WriteLine($"{sets.Count} segments transcoded");

        // Warm-up, so the container path is timed as a running broadcaster runs it (JIT done), and ffprobe's binary is cached.
        var first = Under(sets[0].Result);
        for (int i = 0; i < 20; i++) await container.VerifyAsync(sets[0].Source, first, perceptual: false);
        await decoding.VerifyAsync(sets[0].Source, first, perceptual: false);

        var latency = new List<(string Set, double ContainerWall, double DecodeWall)>();
        int containerFalse = 0, decodeFalse = 0, smallRenditions = 0, realisticRenditions = 0;
        foreach (var (set, name, source, result) in sets)
        {
            var under = Under(result);
            // Alternate the order so neither path always runs right after the other's page-cache or CPU warm-up.
            bool containerFirst = latency.Count % 2 == 0;
            VerificationReport? c = null, d = null;
            double cw = 0, dw = 0;
            if (containerFirst) (c, cw) = await Time(() => container.VerifyAsync(source, under, perceptual: false));
            (d, dw) = await Time(() => decoding.VerifyAsync(source, under, perceptual: false));
            if (!containerFirst) (c, cw) = await Time(() => container.VerifyAsync(source, under, perceptual: false));
            latency.Add((set, cw, dw));
            containerFalse += c!.Renditions.Count(r => !r.Passed);
            decodeFalse += d.Renditions.Count(r => !r.Passed);
            if (set == "small") smallRenditions += under.Count; else realisticRenditions += under.Count;
            foreach (var f in c.Failures) Console.Error.WriteLine($"FALSE FAILURE (container) {name}: {f}");
            foreach (var f in d.Failures) Console.Error.WriteLine($"FALSE FAILURE (decode) {name}: {f}");
            Console.WriteLine(string.Create(Inv, $"{name}: container {cw:0.0} ms, decode {dw:0} ms"));
        }

        // Every tamper kind on one segment of every content, every rung: caught by the container read vs by the decode.
        var results = sets.Where(s => s.Set == "small").ToDictionary(s => s.Name, s => s.Result);
        var cases = new List<(TamperKind Kind, string Content, long Seq, int Rung)>();
        foreach (var kind in Enum.GetValues<TamperKind>())
            foreach (var content in VerificationClips.Kinds.Keys)
            {
                if ((kind, content) is (TamperKind.BlackPart or TamperKind.BlackAll or TamperKind.Frozen, "black") or (TamperKind.Frozen, "static")) continue;
                for (int rung = 0; rung < AccuracyCorpus.Ladder.Length; rung++) cases.Add((kind, content, 1, rung));
            }
        var outcomes = new (TamperKind Kind, bool Container, bool Decode, string Checks)[cases.Count];
        var tmp = Path.Combine(Path.GetTempPath(), "lp-verify-format-" + Environment.ProcessId);
        Directory.CreateDirectory(tmp);
        await Parallel.ForEachAsync(Enumerable.Range(0, cases.Count), new ParallelOptions { MaxDegreeOfParallelism = 3 }, async (i, ct) =>
        {
            var (kind, content, seq, rung) = cases[i];
            var honest = results[$"{content}/{seq}"].Renditions[rung];
            var other = results[$"{VerificationClips.Unrelated(content)}/{seq}"].Renditions[rung];
            var dir = Path.Combine(tmp, i.ToString(Inv));
            Directory.CreateDirectory(dir);
            var t = await Tamper.ApplyAsync(kind, honest, other, dir, ct);
            var source = VerificationClips.Segments(content)[(int)seq].Data;
            var c = await container.VerifyAsync(source, [t], perceptual: false, ct);
            var d = await decoding.VerifyAsync(source, [t], perceptual: false, ct);
            outcomes[i] = (kind, !c.Passed, !d.Passed, string.Join(", ", c.Failures.Select(f => f.Check).Distinct()));
        });
        Directory.Delete(tmp, recursive: true);

        var md = new StringBuilder();
        md.AppendLine("## Pixel/format checks from the container vs by decoding (issue 15)");
        md.AppendLine();
        md.AppendLine("Segments not sampled for the perceptual pass are now checked from the container (`FormatCheckMode.Container`, the default:");
        md.AppendLine("MPEG-TS pictures and SPS sizes, fMP4 sample tables, WebM blocks) instead of an ffprobe decode of every rendition");
        md.AppendLine("(`FormatCheckMode.Decode`, the path before, which sampled segments still take). Both on the same renditions in one run:");
        md.AppendLine();
        md.AppendLine(string.Create(Inv, $"    dotnet run -c Release --project bench/Livepeer.Verification.Bench -- --format-only --realistic-segments {realisticSegments} --out bench/results/verification-container.md"));
        md.AppendLine();
        md.AppendLine("Added latency: wall time of `VerifyAsync(perceptual: false)` per segment, all renditions, the two paths alternating, one");
        md.AppendLine("verification at a time after all transcodes (shared 2-core machine with other jobs running, so wall times are pessimistic).");
        md.AppendLine();
        md.AppendLine("| Segments | n | Container median ms | Container p90 ms | Decode median ms | Added latency saved (median) | Container / decode (medians) |");
        md.AppendLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var g in latency.GroupBy(l => l.Set).Append(latency.GroupBy(_ => "**all**").Single()))
        {
            var l = g.ToList();
            double cm = Median(l.Select(x => x.ContainerWall)), dm = Median(l.Select(x => x.DecodeWall));
            string label = g.Key switch
            {
                "realistic" => "2 s 720p30 source, 480p + 360p H.264",
                "small" => "1 s 240p30 sources, 4 renditions (H.264 + HEVC, 144p30 + 90p15)",
                var k => k,
            };
            md.AppendLine(string.Create(Inv, $"| {label} | {l.Count} | {cm:0.0} | {Percentile(l.Select(x => x.ContainerWall), 0.9):0.0} | {dm:0} | {dm - cm:0} ms | {cm / dm:0.000} |"));
        }
        md.AppendLine();
        md.AppendLine("False failures on honest renditions:");
        md.AppendLine();
        md.AppendLine("| Mode | Renditions | False failures |");
        md.AppendLine("|---|---:|---:|");
        int all = smallRenditions + realisticRenditions;
        md.AppendLine(string.Create(Inv, $"| container | {all} | {containerFalse} |"));
        md.AppendLine(string.Create(Inv, $"| decode | {all} | {decodeFalse} |"));
        md.AppendLine();
        md.AppendLine("Detection by the pixel/format checks alone (the perceptual pass, unchanged, catches the rest: see verification.md):");
        md.AppendLine();
        md.AppendLine("| Tamper | Cases | Container | Decode | Checks that fired (container) |");
        md.AppendLine("|---|---:|---:|---:|---|");
        foreach (var g in outcomes.GroupBy(o => o.Kind))
        {
            int n = g.Count();
            md.AppendLine(string.Create(Inv, $"| {g.Key} | {n} | {g.Count(o => o.Container)} | {g.Count(o => o.Decode)} | {string.Join(", ", g.SelectMany(o => o.Checks.Split(", ", StringSplitOptions.RemoveEmptyEntries)).Distinct())} |"));
        }
        md.AppendLine(string.Create(Inv, $"| **all** | {outcomes.Length} | {outcomes.Count(o => o.Container)} | {outcomes.Count(o => o.Decode)} | |"));
        int disagree = outcomes.Count(o => o.Container != o.Decode);
        md.AppendLine();
        md.AppendLine(string.Create(Inv, $"Cases where the two paths disagree: {disagree} of {outcomes.Length}."));
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(outPath))!);
        await File.WriteAllTextAsync(outPath, md.ToString());
        Console.WriteLine(md.ToString());
        return containerFalse + decodeFalse == 0 && disagree == 0 ? 0 : 1;
    }

    private static List<RenditionUnderTest> Under(TranscodeResult r) => r.Renditions.Select(x => new RenditionUnderTest(x.Profile, x.Data, x.Pixels)).ToList();

    private static async Task<(VerificationReport Report, double WallMs)> Time(Func<Task<VerificationReport>> f)
    {
        var sw = Stopwatch.StartNew();
        var r = await f();
        return (r, sw.Elapsed.TotalMilliseconds);
    }

    private static double Median(IEnumerable<double> xs) => Percentile(xs, 0.5);

    private static double Percentile(IEnumerable<double> xs, double q)
    {
        var s = xs.Order().ToList();
        double at = q * (s.Count - 1);
        int lo = (int)Math.Floor(at), hi = (int)Math.Ceiling(at);
        return s[lo] + (s[hi] - s[lo]) * (at - lo);
    }
}
