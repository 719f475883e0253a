using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Running;
using Livepeer.Media.Bench;
using Livepeer.Media.Codecs;
using Livepeer.Media.Pipeline;
using Livepeer.Media.Profiles;
using Livepeer.Media.Transcoding;

// Modes (used by bench/media-output.sh):
//   print-command SEGMENT OUTDIR PROFILES  -> the exact ffmpeg arguments FfmpegTranscoder runs, NUL-separated
//   compare SEGDIR PROFILES [ROUNDS]       -> raw ffmpeg vs FfmpegTranscoder, interleaved per segment; prints per-round seconds
//   persist SEGDIR PROFILES [ROUNDS]       -> raw ffmpeg per segment vs PersistentTranscoder sessions: time, latency, bitrate, SSIM
//   bdn [BenchmarkDotNet args]             -> in-process micro-benchmarks (playlists, fMP4 parsing, remux)
//   ingest-scale [options]                 -> the RTMP ingest load generator (bench/results/media-ingest.md)
var inv = CultureInfo.InvariantCulture;
switch (args.FirstOrDefault())
{
    case "print-command":
    {
        var ladder = VideoProfileParser.Parse(args[3]);
        var probe = await SegmentProbe.RunAsync("ffprobe", args[1], TimeSpan.FromSeconds(30), CancellationToken.None);
        var outputs = ladder.Select((p, i) => Path.Combine(args[2], $"out{i}.{ContainerTable.Of(FfmpegCommand.ContainerFor(p.Codec)).Extension}")).ToList();
        var command = FfmpegCommand.Build(args[1], probe, ladder, outputs, ladder.Select(_ => (string?)null).ToList());
        Console.Out.Write(string.Join('\0', command));
        return 0;
    }
    case "compare":
    {
        // Per segment, alternately: raw ffmpeg running FfmpegCommand.Build's exact arguments on the segment file, and
        // FfmpegTranscoder.TranscodeAsync on the same bytes. Interleaving keeps load from other jobs from biasing one side.
        var ladder = VideoProfileParser.Parse(args[2]);
        int rounds = args.Length > 3 ? int.Parse(args[3], inv) : 2;
        var transcoder = new FfmpegTranscoder();
        await transcoder.GetEncodersAsync();
        var files = Directory.GetFiles(args[1], "seg*.ts").Order(StringComparer.Ordinal).ToList();
        var segments = new List<Livepeer.Media.Segmenting.MediaSegment>();
        var commands = new List<List<string>>();
        var rawDir = Path.Combine(Path.GetTempPath(), "livepeer-bench-raw-" + Environment.ProcessId);
        Directory.CreateDirectory(rawDir);
        double content = 0;
        foreach (var f in files)
        {
            var seg = await SegmentFromTs.CreateAsync("bench", segments.Count, await File.ReadAllBytesAsync(f), null);
            segments.Add(seg);
            content += seg.Duration / 90000.0;
            var probe = await SegmentProbe.RunAsync("ffprobe", f, TimeSpan.FromSeconds(30), CancellationToken.None);
            var outputs = ladder.Select((p, i) => Path.Combine(rawDir, $"out{i}.{ContainerTable.Of(FfmpegCommand.ContainerFor(p.Codec)).Extension}")).ToList();
            commands.Add(FfmpegCommand.Build(f, probe, ladder, outputs, ladder.Select(_ => (string?)null).ToList()));
        }
        Console.WriteLine($"segments={segments.Count} content={content.ToString("0.000", inv)}");
        var rawBest = Enumerable.Repeat(double.MaxValue, segments.Count).ToArray();
        var oursBest = Enumerable.Repeat(double.MaxValue, segments.Count).ToArray();
        for (int r = 1; r <= rounds; r++)
        {
            double raw = 0, ours = 0;
            for (int i = 0; i < segments.Count; i++)
            {
                for (int k = 0; k < 2; k++)
                {
                    bool rawTurn = (k == 0) == ((i + r) % 2 == 0);
                    var sw = Stopwatch.StartNew();
                    if (rawTurn)
                    {
                        var run = await ProcessRun.RunAsync("ffmpeg", commands[i], TimeSpan.FromMinutes(5), CancellationToken.None);
                        if (run.ExitCode != 0) throw new InvalidOperationException(run.StderrTail());
                        raw += sw.Elapsed.TotalSeconds;
                        rawBest[i] = Math.Min(rawBest[i], sw.Elapsed.TotalSeconds);
                    }
                    else
                    {
                        await transcoder.TranscodeAsync(segments[i], ladder);
                        ours += sw.Elapsed.TotalSeconds;
                        oursBest[i] = Math.Min(oursBest[i], sw.Elapsed.TotalSeconds);
                    }
                }
            }
            Console.WriteLine(string.Create(inv, $"round={r} raw={raw:0.000} ours={ours:0.000}"));
        }
        // The fastest of several runs is the least disturbed by other jobs on a shared machine.
        Console.WriteLine(string.Create(inv, $"best raw={rawBest.Sum():0.000} ours={oursBest.Sum():0.000}"));
        Directory.Delete(rawDir, true);
        return 0;
    }
    case "repeat":
    {
        // One segment, N times each, alternating: per-run seconds for raw and ours (diagnoses overhead).
        var ladder = VideoProfileParser.Parse(args[2]);
        int n = int.Parse(args[3], inv);
        var transcoder = new FfmpegTranscoder();
        await transcoder.GetEncodersAsync();
        var seg = await SegmentFromTs.CreateAsync("bench", 0, await File.ReadAllBytesAsync(args[1]), null);
        var probe = await SegmentProbe.RunAsync("ffprobe", args[1], TimeSpan.FromSeconds(30), CancellationToken.None);
        var rawDir = Path.Combine(Path.GetTempPath(), "livepeer-bench-raw-" + Environment.ProcessId);
        Directory.CreateDirectory(rawDir);
        var outputs = ladder.Select((p, i) => Path.Combine(rawDir, $"out{i}.ts")).ToList();
        var command = FfmpegCommand.Build(args[1], probe, ladder, outputs, ladder.Select(_ => (string?)null).ToList());
        for (int i = 0; i < n; i++)
        {
            var sw = Stopwatch.StartNew();
            await ProcessRun.RunAsync("ffmpeg", command, TimeSpan.FromMinutes(5), CancellationToken.None);
            var raw = sw.Elapsed.TotalSeconds;
            sw.Restart();
            await transcoder.TranscodeAsync(seg, ladder);
            Console.WriteLine(string.Create(inv, $"raw={raw:0.000} ours={sw.Elapsed.TotalSeconds:0.000}"));
        }
        return 0;
    }
    case "persist":
        return await PersistentCompare.RunAsync(args[1], args[2], args.Length > 3 ? int.Parse(args[3], inv) : 3);
    case "ingest-scale":
        return await IngestScale.RunAsync(args[1..]);
    case "bdn":
        BenchmarkSwitcher.FromAssembly(typeof(PlaylistBenchmarks).Assembly).Run(args[1..]);
        return 0;
    default:
        Console.Error.WriteLine("usage: print-command SEGMENT OUTDIR PROFILES | compare SEGDIR PROFILES [ROUNDS] | persist SEGDIR PROFILES [ROUNDS] | ingest-scale [options] | bdn [args]");
        return 2;
}
