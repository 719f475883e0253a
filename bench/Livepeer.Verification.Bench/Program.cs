using System.Diagnostics;
using System.Globalization;
using System.Text;
using Livepeer.Media.Profiles;
using Livepeer.Media.Tests.Verification;
using Livepeer.Media.Transcoding;
using Livepeer.Media.Verification;
using Livepeer.Verification.Bench;

// Verification accuracy and cost: honest renditions from the real transcoder (false-positive rate), every tamper kind
// (detection rate, pixel checks alone and with the perceptual pass), and CPU/wall cost per segment next to the transcode.
// Runs one thing at a time so getrusage deltas belong to the step measured.
var inv = CultureInfo.InvariantCulture;
string outPath = args.SkipWhile(a => a != "--out").Skip(1).FirstOrDefault() ?? "bench/results/verification.md";
int tamperSeqs = int.Parse(args.SkipWhile(a => a != "--tamper-segments").Skip(1).FirstOrDefault() ?? "1", inv);
if (args.Contains("--format-only"))
    return await FormatOnly.RunAsync(args.SkipWhile(a => a != "--out").Skip(1).FirstOrDefault() ?? "bench/results/verification-container.md",
        int.Parse(args.SkipWhile(a => a != "--realistic-segments").Skip(1).FirstOrDefault() ?? "8", inv));

var options = new VerificationOptions { PerceptualShare = 1 };
var verifier = new SegmentVerifier(options);
// The same checks without the tile grid: the cost of the local comparison is the difference between the two.
var wholeFrame = new SegmentVerifier(new VerificationOptions { PerceptualShare = 1, TileGrid = 0 });
// The pixel/format checks as they were before issue 15: every rendition decoded by ffprobe. Timed against the container read
// (the default, `verifier`) on the same renditions in the same run.
var decoding = new SegmentVerifier(new VerificationOptions { PerceptualShare = 1, FormatCheck = FormatCheckMode.Decode });
var latency = new List<(string Set, double ContainerWall, double ContainerCpu, double DecodeWall, double DecodeCpu)>();
// A generous time limit: the shared machine is loaded, and CPU (not wall) time is what the cost tables compare.
var transcoder = new FfmpegTranscoder(new FfmpegTranscoderOptions { Timeout = TimeSpan.FromSeconds(120) });
var corpus = new AccuracyCorpus();
await transcoder.GetEncodersAsync();

// Realistic sizes: 2 s 720p30 sources, 480p30 + 360p30 H.264 renditions (go-livepeer's preset sizes).
var realistic = new List<(double TranscodeCpu, double PixelCpu, double PercCpu, double TranscodeWall, double PixelWall, double PercWall, double NoTileCpu)>();
VideoProfile[] realisticLadder = [VideoProfilePresets.P360p30fps16x9 with { Width = 854, Height = 480, Name = "P480p30fps16x9", Bitrate = 1_600_000 }, VideoProfilePresets.P360p30fps16x9];
foreach (var seg in Livepeer.Media.Tests.TestMedia.Generate("bench720", 1280, 720, 30, 6, 2, "bench720"))
{
    var (tr, tWall, tCpu) = await Measure(() => transcoder.TranscodeAsync(seg, realisticLadder));
    var under = tr.Renditions.Select(r => new RenditionUnderTest(r.Profile, r.Data, r.Pixels)).ToList();
    var (px, pWall, pCpu) = await Measure(() => verifier.VerifyAsync(seg.Data, under, perceptual: false));
    var (dx, dWall, dCpu) = await Measure(() => decoding.VerifyAsync(seg.Data, under, perceptual: false));
    var (pc, cWall, cCpu) = await Measure(() => verifier.VerifyAsync(seg.Data, under, perceptual: true));
    var (_, _, nCpu) = await Measure(() => wholeFrame.VerifyAsync(seg.Data, under, perceptual: true));
    latency.Add(("realistic", pWall, pCpu, dWall, dCpu));
    if (!px.Passed || !dx.Passed || !pc.Passed) Console.Error.WriteLine($"FALSE POSITIVE 720p/{seg.Sequence}: {string.Join("; ", px.Failures.Concat(dx.Failures).Concat(pc.Failures))}");
    realistic.Add((tCpu, pCpu, cCpu, tWall, pWall, cWall, nCpu));
    Console.WriteLine(string.Create(inv, $"720p/{seg.Sequence}: transcode {tWall:0} ms wall {tCpu:0} ms CPU; pixel check {pWall:0}/{pCpu:0}; perceptual {cWall:0}/{cCpu:0}"));
}

var honestScores = new List<(string Content, string Profile, RenditionVerification V)>();
var costs = new List<(string Content, double TranscodeWall, double TranscodeCpu, double PixelWall, double PixelCpu, double PercWall, double PercCpu, double NoTileCpu)>();
int pixelFalse = 0, decodeFalse = 0, percFalse = 0, renditions = 0;
var results = new Dictionary<(string, long), TranscodeResult>();
foreach (var seg in AccuracyCorpus.Segments)
{
    var (tr, tWall, tCpu) = await Measure(() => transcoder.TranscodeAsync(seg, AccuracyCorpus.Ladder));
    results[(seg.StreamName, seg.Sequence)] = tr;
    var under = tr.Renditions.Select(r => new RenditionUnderTest(r.Profile, r.Data, r.Pixels)).ToList();
    var (px, pWall, pCpu) = await Measure(() => verifier.VerifyAsync(seg.Data, under, perceptual: false));
    var (dx, dWall, dCpu) = await Measure(() => decoding.VerifyAsync(seg.Data, under, perceptual: false));
    var (pc, cWall, cCpu) = await Measure(() => verifier.VerifyAsync(seg.Data, under, perceptual: true));
    var (_, _, nCpu) = await Measure(() => wholeFrame.VerifyAsync(seg.Data, under, perceptual: true));
    latency.Add(("small", pWall, pCpu, dWall, dCpu));
    pixelFalse += px.Renditions.Count(r => !r.Passed);
    decodeFalse += dx.Renditions.Count(r => !r.Passed);
    percFalse += pc.Renditions.Count(r => !r.Passed);
    renditions += under.Count;
    foreach (var f in px.Failures.Concat(dx.Failures).Concat(pc.Failures)) Console.Error.WriteLine($"FALSE POSITIVE {seg.StreamName}/{seg.Sequence}: {f}");
    honestScores.AddRange(pc.Renditions.Select(v => (seg.StreamName, v.Profile, v)));
    costs.Add((seg.StreamName, tWall, tCpu, pWall, pCpu, cWall, cCpu, nCpu));
    Console.WriteLine(string.Create(inv, $"{seg.StreamName}/{seg.Sequence}: transcode {tWall:0} ms wall {tCpu:0} ms CPU; pixel check {pWall:0}/{pCpu:0}; perceptual {cWall:0}/{cCpu:0}"));
}

var kinds = VerificationClips.Kinds.Keys.ToArray();
var tamperOutcomes = new List<(TamperKind Kind, string Content, bool PixelCaught, bool DecodeCaught, RenditionVerification V)>();
var tmp = Path.Combine(Path.GetTempPath(), "lp-verify-bench-" + Environment.ProcessId);
Directory.CreateDirectory(tmp);
foreach (var kind in Enum.GetValues<TamperKind>())
{
    foreach (var content in kinds)
    {
        if ((kind, content) is (TamperKind.BlackPart or TamperKind.BlackAll or TamperKind.Frozen, "black") or (TamperKind.Frozen, "static")) continue;
        for (int s = 0; s < tamperSeqs; s++)
        {
            long seq = (s * 5 + 1) % 8;
            for (int rung = 0; rung < AccuracyCorpus.Ladder.Length; rung++)
            {
                var honest = results[(content, seq)].Renditions[rung];
                var other = results[(VerificationClips.Unrelated(content), seq)].Renditions[rung];
                var t = await Tamper.ApplyAsync(kind, honest, other, tmp);
                var source = VerificationClips.Segments(content)[(int)seq].Data;
                var px = await verifier.VerifyAsync(source, [t], perceptual: false);
                var dx = await decoding.VerifyAsync(source, [t], perceptual: false);
                var pc = await verifier.VerifyAsync(source, [t], perceptual: true);
                tamperOutcomes.Add((kind, content, !px.Passed, !dx.Passed, pc.Renditions[0]));
            }
        }
    }
    Console.WriteLine($"{kind}: {tamperOutcomes.Count(o => o.Kind == kind && !o.V.Passed)}/{tamperOutcomes.Count(o => o.Kind == kind)} detected");
}
Directory.Delete(tmp, recursive: true);

var md = new StringBuilder();
md.AppendLine("# Segment verification: accuracy and cost");
md.AppendLine();
md.AppendLine("`SegmentVerifier` (src/Livepeer.Media/Verification) on renditions from the real `FfmpegTranscoder`: 7 contents (testsrc2, film");
md.AppendLine("grain noise over testsrc, cellauto, fast rotation, mandelbrot zoom, static bars, black+silence), 426x240 30 fps H.264+AAC");
md.AppendLine("sources cut into 1 s segments, ladder H.264 and HEVC at 256x144p30 and 160x90p15. Every segment is verified three times: pixel/format");
md.AppendLine("checks only read from the container (the default for segments not sampled), the same checks by decoding with ffprobe (as before");
md.AppendLine("issue 15, and as sampled segments still do), and with the perceptual pass. Tampered renditions come from tests/Livepeer.Media.Tests/Verification/Tamper.cs.");
md.AppendLine();
md.AppendLine("Command (shared 2-core machine, other jobs running, so wall times are pessimistic; CPU times are this process plus its ffmpeg/ffprobe children, from getrusage):");
md.AppendLine();
md.AppendLine("    dotnet run -c Release --project bench/Livepeer.Verification.Bench -- --out bench/results/verification.md");
md.AppendLine();
var d = new VerificationOptions();
md.AppendLine("## Thresholds (VerificationOptions defaults) and why");
md.AppendLine();
md.AppendLine("| Setting | Default | Evidence |");
md.AppendLine("|---|---:|---|");
md.AppendLine(string.Create(inv, $"| PixelToleranceFrames | {d.PixelToleranceFrames} | every honest rendition decodes to exactly the pixels the transcoder claims (difference 0); one frame of slack, so claims inflated by more than one frame fail |"));
md.AppendLine(string.Create(inv, $"| FrameRateTolerance | {d.FrameRateTolerance} | measured as (frames - 1) over the first-to-last timestamp span; every honest rendition passes, half-rate tampers are 50% off |"));
md.AppendLine(string.Create(inv, $"| CompareWidth / CompareBlur | {d.CompareWidth} px / sigma {d.CompareBlur} | SSIM is taken on both sides shrunk to {d.CompareWidth} px wide and lightly blurred, so grain and coding noise do not count (at 160 px without blur, honest film-grain renditions scored 0.47-0.66 and overlapped tampered ones) |"));
md.AppendLine(string.Create(inv, $"| MinMeanSsim | {d.MinMeanSsim} | honest minimum in the table below vs wrong content / all-black maximum |"));
md.AppendLine(string.Create(inv, $"| MinWindowSsim ({d.SsimWindowFrames} frames) | {d.MinWindowSsim} | honest minimum vs black/frozen/wrong-content windows |"));
md.AppendLine(string.Create(inv, $"| MaxSsimDrop | {d.MaxSsimDrop} | dip of the lowest window below the segment's own median: honest maximum vs overlay minimum |"));
md.AppendLine(string.Create(inv, $"| TileGrid / MaxTileBias | {d.TileGrid}x{d.TileGrid} / {d.MaxTileBias} levels | signed luma difference (rendition - reference) averaged per tile of the compare-size frame; a tile's persistent bias is its median |offset| over the frames, the score is the worst tile's bias beyond the median tile's. Honest maximum vs watermark / burned-in text minimum in the tables below |"));
md.AppendLine(string.Create(inv, $"| BlackLumaMax / BlackReferenceLumaMin / MaxBlackFrames | {d.BlackLumaMax} / {d.BlackReferenceLumaMin} / {d.MaxBlackFrames} | a frame is black at average luma <= {d.BlackLumaMax} only where the reference frame is >= {d.BlackReferenceLumaMin}; a black source never counts |"));
md.AppendLine(string.Create(inv, $"| FrozenDiffMax / FrozenReferenceDiffMin / MaxFrozenFrames | {d.FrozenDiffMax} / {d.FrozenReferenceDiffMin} / {d.MaxFrozenFrames} | a repeated frame (mean luma change <= {d.FrozenDiffMax}) counts only where the reference moves (>= {d.FrozenReferenceDiffMin}); a static source never counts |"));
md.AppendLine(string.Create(inv, $"| MinAudioCorrelation / AudioSampleRate / AudioMaxLagMs | {d.MinAudioCorrelation} / {d.AudioSampleRate} Hz / {d.AudioMaxLagMs} ms | honest renditions carry the source's audio (correlation 1.000); swapped tones and noise stay below 0.05; two silent tracks match |"));
md.AppendLine();
md.AppendLine("## False positives (honest renditions)");
md.AppendLine();
md.AppendLine("| Mode | Renditions | False failures |");
md.AppendLine("|---|---:|---:|");
md.AppendLine(string.Create(inv, $"| pixel/format checks from the container (default) | {renditions} | {pixelFalse} ({(double)pixelFalse / renditions:P1}) |"));
md.AppendLine(string.Create(inv, $"| pixel/format checks by decoding (before) | {renditions} | {decodeFalse} ({(double)decodeFalse / renditions:P1}) |"));
md.AppendLine(string.Create(inv, $"| with perceptual pass | {renditions} | {percFalse} ({(double)percFalse / renditions:P1}) |"));
md.AppendLine();
md.AppendLine("## Detection per tamper kind");
md.AppendLine();
md.AppendLine("\"Without local check\" counts the cases some other check caught: the detection before the tile grid existed (checks are independent).");
md.AppendLine();
md.AppendLine("| Tamper | Cases | Pixel/format checks alone (container) | Pixel/format checks alone (decoding, before) | Perceptual pass without local check | With perceptual pass | Checks that fired |");
md.AppendLine("|---|---:|---:|---:|---:|---:|---|");
foreach (var g in tamperOutcomes.GroupBy(o => o.Kind))
{
    int n = g.Count();
    int before = g.Count(o => o.V.Failures.Any(f => f.Check != VerificationCheck.LocalDifference));
    md.AppendLine(string.Create(inv, $"| {g.Key} | {n} | {g.Count(o => o.PixelCaught)} ({(double)g.Count(o => o.PixelCaught) / n:P0}) | {g.Count(o => o.DecodeCaught)} ({(double)g.Count(o => o.DecodeCaught) / n:P0}) | {before} ({(double)before / n:P0}) | {g.Count(o => !o.V.Passed)} ({(double)g.Count(o => !o.V.Passed) / n:P0}) | {string.Join(", ", g.SelectMany(o => o.V.Failures.Select(f => f.Check)).Distinct())} |"));
}
int total = tamperOutcomes.Count, caught = tamperOutcomes.Count(o => !o.V.Passed);
md.AppendLine(string.Create(inv, $"| **all** | {total} | {tamperOutcomes.Count(o => o.PixelCaught)} | {tamperOutcomes.Count(o => o.DecodeCaught)} | | {caught} ({(double)caught / total:P1}) | |"));
md.AppendLine();
md.AppendLine("## Score distributions (perceptual pass)");
md.AppendLine();
md.AppendLine("Honest, per content (min / 1st percentile of mean SSIM and lowest 3-frame window; max of the dip below the median):");
md.AppendLine();
md.AppendLine("| Content | Renditions | Mean SSIM min | Window SSIM min | Dip max | Tile bias max | Audio corr. min | Black max | Frozen max |");
md.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
foreach (var g in honestScores.GroupBy(h => h.Content))
{
    var v = g.Select(x => x.V).ToList();
    md.AppendLine(string.Create(inv, $"| {g.Key} | {v.Count} | {v.Min(x => x.Ssim):0.000} | {v.Min(x => x.MinWindowSsim):0.000} | {v.Max(x => x.MedianSsim - x.MinWindowSsim):0.000} | {v.Max(x => x.TileBias):0.0} | {v.Min(x => x.AudioCorrelation):0.000} | {v.Max(x => x.BlackFrames)} | {v.Max(x => x.FrozenFrames)} |"));
}
var all = honestScores.Select(h => h.V).ToList();
md.AppendLine(string.Create(inv, $"| **all** | {all.Count} | {all.Min(x => x.Ssim):0.000} | {all.Min(x => x.MinWindowSsim):0.000} | {all.Max(x => x.MedianSsim - x.MinWindowSsim):0.000} | {all.Max(x => x.TileBias):0.0} | {all.Min(x => x.AudioCorrelation):0.000} | {all.Max(x => x.BlackFrames)} | {all.Max(x => x.FrozenFrames)} |"));
md.AppendLine();
md.AppendLine("Tampered (perceptual pass), range over cases:");
md.AppendLine();
md.AppendLine("| Tamper | Mean SSIM | Window SSIM | Dip | Tile bias | Audio corr. max | Black frames | Frozen frames |");
md.AppendLine("|---|---|---|---|---|---:|---|---|");
foreach (var g in tamperOutcomes.GroupBy(o => o.Kind))
{
    var v = g.Select(o => o.V).ToList();
    string R(Func<RenditionVerification, double?> f, string fmt)
    {
        var xs = v.Select(f).Where(x => x.HasValue).Select(x => x!.Value).ToList();
        return xs.Count == 0 ? "-" : $"{xs.Min().ToString(fmt, inv)}..{xs.Max().ToString(fmt, inv)}";
    }
    md.AppendLine($"| {g.Key} | {R(x => x.Ssim, "0.000")} | {R(x => x.MinWindowSsim, "0.000")} | {R(x => x.MedianSsim - x.MinWindowSsim, "0.000")} | {R(x => x.TileBias, "0.0")} | {R(x => x.AudioCorrelation, "0.000")} | {R(x => x.BlackFrames, "0")} | {R(x => x.FrozenFrames, "0")} |");
}
md.AppendLine();
{
    // The margin of the local comparison: honest tile bias against the tampers it exists for.
    double honestMax = all.Max(x => x.TileBias ?? 0);
    var honestSorted = all.Select(x => x.TileBias ?? 0).Order().ToList();
    double p99 = honestSorted[(int)Math.Floor(0.99 * (honestSorted.Count - 1))];
    var local = tamperOutcomes.Where(o => o.Kind is TamperKind.Watermark or TamperKind.WatermarkTranslucent or TamperKind.BurnedInText).ToList();
    double tamperMin = local.Min(o => o.V.TileBias ?? 0);
    md.AppendLine(string.Create(inv, $"Local comparison margin: honest tile bias is at most {honestMax:0.#} levels (99th percentile {p99:0.#}) over {all.Count} renditions;"));
    md.AppendLine(string.Create(inv, $"watermarks and burned-in text on every frame score at least {tamperMin:0.#}. MaxTileBias {d.MaxTileBias} sits between them, {d.MaxTileBias / Math.Max(honestMax, 0.5):0.#}x the honest maximum."));
    md.AppendLine("The difference is signed on purpose: with the absolute difference per tile, an honest low-bitrate testsrc2 rendition reached");
    md.AppendLine("11 levels in one tile against 15.5 for burned-in text (one-off check, 256x144 at 250 kb/s, 4x4 grid), because coding loss");
    md.AppendLine("concentrates where the detail is; signed, that loss averages out to 0-2 in the same tiles.");
}
md.AppendLine();
md.AppendLine("## Cost per segment (4 renditions)");
md.AppendLine();
md.AppendLine("\"Perceptual\" is a full verification with the perceptual pass (it includes the pixel/format checks): one ffprobe per rendition plus one");
md.AppendLine("ffmpeg run for the whole segment (source decoded once, split into one reference per rendition).");
md.AppendLine();
md.AppendLine("| Content | Transcode wall / CPU ms | Pixel checks (container) wall / CPU ms | Perceptual wall / CPU ms | Perceptual without tiles CPU ms | Pixel CPU / transcode CPU | Perceptual CPU / transcode CPU |");
md.AppendLine("|---|---:|---:|---:|---:|---:|---:|");
foreach (var g in costs.GroupBy(c => c.Content).Append(costs.GroupBy(_ => "**all**").Single()))
{
    double tw = g.Average(c => c.TranscodeWall), tc = g.Average(c => c.TranscodeCpu), pw = g.Average(c => c.PixelWall), pcpu = g.Average(c => c.PixelCpu),
        cw = g.Average(c => c.PercWall), ccpu = g.Average(c => c.PercCpu), ncpu = g.Average(c => c.NoTileCpu);
    md.AppendLine(string.Create(inv, $"| {g.Key} | {tw:0} / {tc:0} | {pw:0} / {pcpu:0} | {cw:0} / {ccpu:0} | {ncpu:0} | {pcpu / tc:0.00} | {ccpu / tc:0.00} |"));
}
md.AppendLine();
md.AppendLine("At these tiny sizes the cost is mostly starting ffprobe/ffmpeg (about 50 ms CPU each, two per rendition with the perceptual");
md.AppendLine("pass), so the ratio is pessimistic. At realistic sizes (2 s 1280x720p30 testsrc2 source, 854x480p30 + 640x360p30 H.264 renditions):");
md.AppendLine();
md.AppendLine("| Segments | Transcode wall / CPU ms | Pixel checks (container) wall / CPU ms | Perceptual wall / CPU ms | Perceptual without tiles CPU ms | Pixel CPU / transcode CPU | Perceptual CPU / transcode CPU |");
md.AppendLine("|---:|---:|---:|---:|---:|---:|---:|");
{
    double tc = realistic.Average(r => r.TranscodeCpu), pc = realistic.Average(r => r.PixelCpu), cc = realistic.Average(r => r.PercCpu);
    md.AppendLine(string.Create(inv, $"| {realistic.Count} | {realistic.Average(r => r.TranscodeWall):0} / {tc:0} | {realistic.Average(r => r.PixelWall):0} / {pc:0} | {realistic.Average(r => r.PercWall):0} / {cc:0} | {realistic.Average(r => r.NoTileCpu):0} | {pc / tc:0.00} | {cc / tc:0.00} |"));
}
md.AppendLine();
{
    double small = costs.Average(c => c.PercCpu - c.NoTileCpu), smallBase = costs.Average(c => c.NoTileCpu);
    double big = realistic.Average(r => r.PercCpu - r.NoTileCpu), bigBase = realistic.Average(r => r.NoTileCpu);
    md.AppendLine(string.Create(inv, $"The local (tile) comparison's own cost, perceptual with it minus without it (TileGrid = 0) on the same segments: {small:0} ms CPU per"));
    md.AppendLine(string.Create(inv, $"small segment ({small / smallBase:P0} of {smallBase:0} ms), {big:0} ms per realistic segment ({big / bigBase:P0} of {bigBase:0} ms); it works on the 80 px compare frames, so it does not grow with resolution."));
    md.AppendLine();
}
md.AppendLine("## Added latency of the pixel/format checks (segments not sampled for the perceptual pass)");
md.AppendLine();
md.AppendLine("Wall time of `VerifyAsync(perceptual: false)` per segment, all renditions: the container read (default, FormatCheckMode.Container)");
md.AppendLine("against the ffprobe decode it replaces (FormatCheckMode.Decode), alternating on the same renditions in this run. The verifier");
md.AppendLine("runs before a segment's renditions are published, so this is latency added to each segment.");
md.AppendLine();
md.AppendLine("| Segments | n | Container median wall ms | Container max wall ms | Decode median wall ms | Container / decode (medians) | Container median CPU ms | Decode median CPU ms |");
md.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|");
foreach (var g in latency.GroupBy(l => l.Set).Append(latency.GroupBy(_ => "**all**").Single()))
{
    var l = g.ToList();
    double cw = Median(l.Select(x => x.ContainerWall)), dw = Median(l.Select(x => x.DecodeWall));
    string label = g.Key switch { "realistic" => "720p source, 480p + 360p H.264", "small" => "240p sources, 4-rung ladder (H.264 + HEVC)", var k => k };
    md.AppendLine(string.Create(inv, $"| {label} | {l.Count} | {cw:0.0} | {l.Max(x => x.ContainerWall):0.0} | {dw:0} | {cw / dw:0.000} | {Median(l.Select(x => x.ContainerCpu)):0.0} | {Median(l.Select(x => x.DecodeCpu)):0} |"));
}
md.AppendLine();
md.AppendLine(string.Create(inv, $"With the default PerceptualShare {new VerificationOptions().PerceptualShare:0.##}, the expected verification CPU per segment is pixel + share x perceptual."));
Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(outPath))!);
await File.WriteAllTextAsync(outPath, md.ToString());
Console.WriteLine(md.ToString());
return pixelFalse + decodeFalse + percFalse == 0 ? 0 : 1;

static double Median(IEnumerable<double> xs)
{
    var s = xs.Order().ToList();
    return s.Count % 2 == 1 ? s[s.Count / 2] : (s[s.Count / 2 - 1] + s[s.Count / 2]) / 2;
}

static async Task<(T Result, double WallMs, double CpuMs)> Measure<T>(Func<Task<T>> f)
{
    double cpu = ChildCpu.TotalMs();
    var sw = Stopwatch.StartNew();
    var r = await f();
    return (r, sw.Elapsed.TotalMilliseconds, ChildCpu.TotalMs() - cpu);
}
