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
/// Persistent sessions (PersistentTranscoder, both modes) against raw ffmpeg spawned per segment with the identical command,
/// on the same segments in one run. Each round runs the whole stream through raw per-segment ffmpeg, a new pre-start session
/// and a new long-lived session (each session's first segment pays a cold start, as a real stream does), back to back in a
/// rotating order, and records wall and children's CPU time. Whole arms rather than per-segment alternation: a raw run between
/// two session segments would hide a session's pre-start in the raw run's time. A last pass hands the segments over at
/// real-time pace and records each one's latency. Afterwards it compares the renditions: bitrate of each, and SSIM of each
/// session's rendition against the raw one.
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
        var arms = new[] { Arm.Raw, Arm.PreStart, Arm.LongLived };
        var renditions = arms.ToDictionary(a => a, _ => new List<IReadOnlyList<RenditionSegment>>());
        var encoders = await FfmpegEncoders.QueryAsync("ffmpeg", CancellationToken.None);
        Console.WriteLine($"segments={n}");
        for (int r = 1; r <= rounds; r++)
        {
            var wall = new Dictionary<Arm, double>();
            var cpu = new Dictionary<Arm, double>();
            var warm = new Dictionary<Arm, long>();
            // Rotate the order so no arm always runs first (or right after another's processes).
            foreach (var arm in arms.Skip((r - 1) % arms.Length).Concat(arms.Take((r - 1) % arms.Length)))
            {
                double cpu0 = ChildrenCpuSeconds();
                var sw = Stopwatch.StartNew();
                warm[arm] = await RunArmAsync(arm, segments, ladder, commands, encoders, new double[n], renditions[arm], paced: false);
                wall[arm] = sw.Elapsed.TotalSeconds;
                // Children's CPU (user+sys) counts when they are reaped: every process of the arm, a session's last pre-started
                // one included (killed on dispose), is reaped by here.
                cpu[arm] = ChildrenCpuSeconds() - cpu0;
            }
            Console.WriteLine(string.Create(inv, $"round={r} raw={wall[Arm.Raw]:0.000} session={wall[Arm.PreStart]:0.000} live={wall[Arm.LongLived]:0.000} raw_cpu={cpu[Arm.Raw]:0.000} session_cpu={cpu[Arm.PreStart]:0.000} live_cpu={cpu[Arm.LongLived]:0.000} in_session={warm[Arm.PreStart]} in_live={warm[Arm.LongLived]}"));
        }
        // Latency as a live stream sees it: segments handed over at real-time pace, each timed until its renditions are back.
        var paced = arms.ToDictionary(a => a, _ => new double[n]);
        foreach (var arm in arms) await RunArmAsync(arm, segments, ladder, commands, encoders, paced[arm], [], paced: true);
        for (int i = 0; i < n; i++)
            Console.WriteLine(string.Create(inv, $"segment={i} raw={paced[Arm.Raw][i]:0.000} session={paced[Arm.PreStart][i]:0.000} live={paced[Arm.LongLived][i]:0.000}"));

        // Quality: bitrate over the whole stream per rendition, SSIM per segment (each session arm's rendition against raw), worst and mean.
        double content = segments.Sum(s => s.Duration) / 90000.0;
        foreach (var arm in new[] { Arm.PreStart, Arm.LongLived })
        {
            for (int p = 0; p < ladder.Count; p++)
            {
                long rawBytes = 0, sesBytes = 0, rawVideo = 0, sesVideo = 0;
                double minSsim = 1, sumSsim = 0;
                for (int i = 0; i < n; i++)
                {
                    var rawFile = rawOutputs[i][p];
                    var sesFile = Path.Combine(work, $"{arm}{i}_{p}.ts");
                    await File.WriteAllBytesAsync(sesFile, renditions[arm][i][p].Data);
                    rawBytes += new FileInfo(rawFile).Length;
                    sesBytes += renditions[arm][i][p].Data.Length;
                    rawVideo += await VideoPayloadBytesAsync(rawFile);
                    sesVideo += await VideoPayloadBytesAsync(sesFile);
                    double ssim = await SsimAsync(sesFile, rawFile);
                    minSsim = Math.Min(minSsim, ssim);
                    sumSsim += ssim;
                }
                Console.WriteLine(string.Create(inv,
                    $"rendition={ladder[p].Name} arm={arm} raw_kbps={rawBytes * 8 / content / 1000:0} session_kbps={sesBytes * 8 / content / 1000:0} target_video_kbps={ladder[p].Bitrate / 1000} raw_video_kbps={rawVideo * 8 / content / 1000:0} session_video_kbps={sesVideo * 8 / content / 1000:0} ssim_min={minSsim:0.00000} ssim_mean={sumSsim / n:0.00000}"));
            }
        }
        Directory.Delete(work, true);
        return 0;
    }

    private enum Arm { Raw, PreStart, LongLived }

    /// <summary>
    /// Runs the stream through one arm, recording each segment's latency; returns the segments a session served itself.
    /// Raw and pre-start take one segment at a time (a process per segment). Long-lived gets every segment handed over at once
    /// in order, as a broadcaster sends a stream's segments without waiting for earlier renditions, since each segment's tail
    /// waits for the next. Paced: one segment per segment duration, as a live stream arrives.
    /// </summary>
    private static async Task<long> RunArmAsync(Arm arm, List<MediaSegment> segments, IReadOnlyList<VideoProfile> ladder, List<List<string>> commands,
        FfmpegEncoders encoders, double[] latency, List<IReadOnlyList<RenditionSegment>> outputs, bool paced)
    {
        var start = Stopwatch.StartNew();
        outputs.Clear();
        if (arm == Arm.Raw)
        {
            for (int i = 0; i < segments.Count; i++)
            {
                await PaceAsync(segments, i, start, paced);
                var sw = Stopwatch.StartNew();
                var run = await ProcessRun.RunAsync("ffmpeg", commands[i], TimeSpan.FromMinutes(5), CancellationToken.None);
                if (run.ExitCode != 0) throw new InvalidOperationException(run.StderrTail());
                latency[i] = sw.Elapsed.TotalSeconds;
            }
            return 0;
        }
        // No time limit in the benchmark: a loaded machine must slow both sides, not fail one.
        using var session = new PersistentTranscoder(new PersistentTranscoderOptions
        {
            Ffmpeg = new FfmpegTranscoderOptions { Timeout = TimeSpan.FromMinutes(5) },
            Mode = arm == Arm.LongLived ? TranscodeSessionMode.LongLived : TranscodeSessionMode.PreStart,
        }, encoders);
        var tasks = new List<Task<TranscodeResult>>();
        for (int i = 0; i < segments.Count; i++)
        {
            await PaceAsync(segments, i, start, paced);
            var segmentIndex = i;
            var sw = Stopwatch.StartNew();
            var task = session.TranscodeAsync(segments[i], ladder).ContinueWith(t =>
            {
                latency[segmentIndex] = sw.Elapsed.TotalSeconds;
                return t.Result;
            }, TaskScheduler.Default);
            tasks.Add(task);
            if (arm == Arm.PreStart) await task;
        }
        foreach (var t in tasks) outputs.Add((await t).Renditions);
        if (arm == Arm.LongLived && session.Fallbacks > 0) throw new InvalidOperationException($"{session.Fallbacks} segment(s) fell back to per-segment ffmpeg.");
        // The long-lived process exits after its last segment is out; wait until it is reaped so its CPU time is counted.
        var live = session.LongLivedProcessIds;
        session.EndStream(segments[0].StreamName);
        for (int w = 0; w < 200 && live.Any(pid => Directory.Exists($"/proc/{pid}")); w++) await Task.Delay(50);
        return session.SegmentsInSession;
    }

    private static Task PaceAsync(List<MediaSegment> segments, int i, Stopwatch start, bool paced)
    {
        if (!paced) return Task.CompletedTask;
        var due = TimeSpan.FromMilliseconds(segments.Take(i).Sum(s => s.DurationMs)) - start.Elapsed;
        return due > TimeSpan.Zero ? Task.Delay(due) : Task.CompletedTask;
    }

    /// <summary>Bytes of the video stream's packets (no audio, no container overhead), to compare with the profile's bitrate.</summary>
    private static async Task<long> VideoPayloadBytesAsync(string file)
    {
        var run = await ProcessRun.RunAsync("ffprobe", ["-v", "error", "-select_streams", "v:0", "-show_entries", "packet=size", "-of", "csv=p=0", file],
            TimeSpan.FromMinutes(1), CancellationToken.None);
        if (run.ExitCode != 0) throw new InvalidOperationException("ffprobe failed: " + run.StderrTail());
        return run.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Sum(l => long.Parse(l.Trim().TrimEnd(','), CultureInfo.InvariantCulture));
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
