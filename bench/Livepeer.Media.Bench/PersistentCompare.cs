using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using Livepeer.Media.Pipeline;
using Livepeer.Media.Profiles;
using Livepeer.Media.Segmenting;
using Livepeer.Media.Transcoding;

namespace Livepeer.Media.Bench;

/// <summary>
/// Persistent sessions (PersistentTranscoder) against raw ffmpeg spawned per segment with the identical command, on the same
/// segments in one run. Each round runs the whole stream through a new session (its first segment pays a cold start, as a
/// real stream does) and the whole stream through raw per-segment ffmpeg, back to back, alternating which block goes first.
/// Blocks rather than per-segment alternation: a raw run between two session segments would hide the session's pre-start
/// in the raw run's time. Back to back is also the session's worst case: the next process starts while the CPU is busy.
/// Per segment it records the latency (segment handed over to renditions returned). Afterwards it compares the last
/// round's renditions: bitrate of each, and SSIM of the session's rendition against the raw one.
/// </summary>
public static partial class PersistentCompare
{
    public static async Task<int> RunAsync(string segDir, string ladderJson, int rounds)
    {
        var inv = CultureInfo.InvariantCulture;
        var ladder = VideoProfileParser.Parse(ladderJson);
        var files = Directory.GetFiles(segDir, "seg*.ts").Order(StringComparer.Ordinal).ToList();
        var work = Path.Combine(Path.GetTempPath(), "livepeer-bench-persist-" + Environment.ProcessId);
        Directory.CreateDirectory(work);
        var segments = new List<MediaSegment>();
        var commands = new List<List<string>>();
        var rawOutputs = new List<List<string>>();
        foreach (var f in files)
        {
            var seg = await SegmentFromTs.CreateAsync("bench", segments.Count, await File.ReadAllBytesAsync(f), null);
            var probe = await SegmentProbe.RunAsync("ffprobe", f, TimeSpan.FromSeconds(30), CancellationToken.None);
            var dir = Path.Combine(work, "raw" + segments.Count.ToString(inv));
            Directory.CreateDirectory(dir);
            var outputs = ladder.Select((p, i) => Path.Combine(dir, $"out{i}.ts")).ToList();
            commands.Add(FfmpegCommand.Build(f, probe, ladder, outputs, ladder.Select(_ => (string?)null).ToList()));
            rawOutputs.Add(outputs);
            segments.Add(seg);
        }
        int n = segments.Count;
        var rawBest = Enumerable.Repeat(double.MaxValue, n).ToArray();
        var sesBest = Enumerable.Repeat(double.MaxValue, n).ToArray();
        var sessionRenditions = new List<IReadOnlyList<RenditionSegment>>();
        var encoders = await FfmpegEncoders.QueryAsync("ffmpeg", CancellationToken.None);
        Console.WriteLine($"segments={n}");
        for (int r = 1; r <= rounds; r++)
        {
            double raw = 0, ses = 0, rawCpu = 0, sesCpu = 0;
            long inSession = 0;
            for (int k = 0; k < 2; k++)
            {
                bool rawTurn = (k == 0) == (r % 2 == 0);
                double cpu0 = ChildrenCpuSeconds();
                if (rawTurn)
                {
                    for (int i = 0; i < n; i++)
                    {
                        var sw = Stopwatch.StartNew();
                        var run = await ProcessRun.RunAsync("ffmpeg", commands[i], TimeSpan.FromMinutes(5), CancellationToken.None);
                        if (run.ExitCode != 0) throw new InvalidOperationException(run.StderrTail());
                        raw += sw.Elapsed.TotalSeconds;
                        rawBest[i] = Math.Min(rawBest[i], sw.Elapsed.TotalSeconds);
                    }
                }
                else
                {
                    // No time limit in the benchmark: a loaded machine must slow both sides, not fail one.
                    using var session = new PersistentTranscoder(new PersistentTranscoderOptions { Ffmpeg = new FfmpegTranscoderOptions { Timeout = TimeSpan.FromMinutes(5) } }, encoders);
                    sessionRenditions.Clear();
                    for (int i = 0; i < n; i++)
                    {
                        var sw = Stopwatch.StartNew();
                        var result = await session.TranscodeAsync(segments[i], ladder);
                        ses += sw.Elapsed.TotalSeconds;
                        sesBest[i] = Math.Min(sesBest[i], sw.Elapsed.TotalSeconds);
                        sessionRenditions.Add(result.Renditions);
                    }
                    inSession = session.SegmentsInSession;
                }
                // Children's CPU (user+sys) counts when they are reaped: every process of the block, the session's last
                // pre-started one included (killed on dispose above), is reaped by here.
                double cpu = ChildrenCpuSeconds() - cpu0;
                if (rawTurn) rawCpu += cpu; else sesCpu += cpu;
            }
            Console.WriteLine(string.Create(inv, $"round={r} raw={raw:0.000} session={ses:0.000} raw_cpu={rawCpu:0.000} session_cpu={sesCpu:0.000} in_session={inSession}"));
        }
        for (int i = 0; i < n; i++) Console.WriteLine(string.Create(inv, $"segment={i} raw_best={rawBest[i]:0.000} session_best={sesBest[i]:0.000}"));
        Console.WriteLine(string.Create(inv, $"best raw={rawBest.Sum():0.000} session={sesBest.Sum():0.000} steady_raw={rawBest.Skip(1).Sum():0.000} steady_session={sesBest.Skip(1).Sum():0.000}"));

        // Quality: bitrate over the whole stream per rendition, SSIM per segment (session against raw), worst and mean.
        double content = segments.Sum(s => s.Duration) / 90000.0;
        for (int p = 0; p < ladder.Count; p++)
        {
            long rawBytes = 0, sesBytes = 0;
            double minSsim = 1, sumSsim = 0;
            for (int i = 0; i < n; i++)
            {
                var rawFile = rawOutputs[i][p];
                var sesFile = Path.Combine(work, $"ses{i}_{p}.ts");
                await File.WriteAllBytesAsync(sesFile, sessionRenditions[i][p].Data);
                rawBytes += new FileInfo(rawFile).Length;
                sesBytes += sessionRenditions[i][p].Data.Length;
                double ssim = await SsimAsync(sesFile, rawFile);
                minSsim = Math.Min(minSsim, ssim);
                sumSsim += ssim;
            }
            Console.WriteLine(string.Create(inv,
                $"rendition={ladder[p].Name} raw_kbps={rawBytes * 8 / content / 1000:0} session_kbps={sesBytes * 8 / content / 1000:0} ssim_min={minSsim:0.00000} ssim_mean={sumSsim / n:0.00000}"));
        }
        Directory.Delete(work, true);
        return 0;
    }

    private static async Task<double> SsimAsync(string a, string b)
    {
        var run = await ProcessRun.RunAsync("ffmpeg", ["-hide_banner", "-nostats", "-i", a, "-i", b, "-lavfi", "[0:v]setpts=PTS-STARTPTS[a];[1:v]setpts=PTS-STARTPTS[b];[a][b]ssim", "-an", "-f", "null", "-"],
            TimeSpan.FromMinutes(2), CancellationToken.None);
        var m = SsimAll().Match(run.StandardError);
        if (run.ExitCode != 0 || !m.Success) throw new InvalidOperationException("ssim failed: " + run.StderrTail());
        return double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    /// <summary>User+system CPU seconds of all reaped child processes (getrusage RUSAGE_CHILDREN).</summary>
    private static double ChildrenCpuSeconds()
    {
        var u = new RUsage();
        if (GetRUsage(-1, ref u) != 0) throw new InvalidOperationException("getrusage failed");
        return u.UserSec + u.UserUsec / 1e6 + u.SysSec + u.SysUsec / 1e6;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct RUsage
    {
        public long UserSec, UserUsec, SysSec, SysUsec;
        public long MaxRss, IxRss, IdRss, IsRss, MinFlt, MajFlt, NSwap, InBlock, OuBlock, MsgSnd, MsgRcv, NSignals, NVcsw, NIvcsw;
    }

    [LibraryImport("libc", EntryPoint = "getrusage")]
    private static partial int GetRUsage(int who, ref RUsage usage);

    [GeneratedRegex(@"SSIM Y:.* All:([0-9.]+)")]
    private static partial Regex SsimAll();
}
