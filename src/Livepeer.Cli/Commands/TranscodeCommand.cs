using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using Livepeer.Cli.Progress;
using Livepeer.Media.Dash;
using Livepeer.Media.Fmp4;
using Livepeer.Media.Hls;
using Livepeer.Media.Pipeline;
using Livepeer.Media.Profiles;
using Livepeer.Media.Transcoding;

namespace Livepeer.Cli.Commands;

/// <summary>`livepeer transcode`: a file to an HLS + DASH ABR ladder on disk.</summary>
public static class TranscodeCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(GlobalOptions globals)
    {
        var input = new Option<FileInfo>("--in") { Description = "Input media file", Required = true };
        var profiles = new Option<string>("--profiles")
        {
            Description = "Comma list of presets (e.g. P720p30fps16x9,P360p30fps16x9), a JSON array, or @file.json",
            DefaultValueFactory = _ => string.Join(',', VideoProfilePresets.DefaultLadder.Select(p => p.Name)),
        };
        var output = new Option<DirectoryInfo>("--out") { Description = "Output directory (hls/ and dash/ are created in it)", Required = true };
        var segment = new Option<double>("--segment-seconds") { Description = "Segment length in seconds", DefaultValueFactory = _ => 2.0 };
        var command = new Command("transcode", "Transcode a file into an HLS + DASH adaptive-bitrate ladder with ffmpeg");
        command.Options.Add(input);
        command.Options.Add(profiles);
        command.Options.Add(output);
        command.Options.Add(segment);
        command.SetAction(async (parse, ct) =>
        {
            bool json = parse.GetValue(globals.Json);
            try
            {
                var ladder = LoadProfiles(parse.GetValue(profiles)!);
                return await RunAsync(parse.GetValue(input)!, ladder, parse.GetValue(output)!, parse.GetValue(segment), json, ct);
            }
            catch (Exception e) when (e is ProfileException or TranscodeException or FileNotFoundException or IOException or ArgumentException)
            {
                Console.Error.WriteLine($"error: {e.Message}");
                return 1;
            }
        });
        return command;
    }

    private static IReadOnlyList<VideoProfile> LoadProfiles(string value)
    {
        if (value.StartsWith('@'))
        {
            var path = value[1..];
            if (!File.Exists(path)) throw new FileNotFoundException($"Profile file {path} does not exist.", path);
            value = File.ReadAllText(path);
        }
        return VideoProfileParser.Parse(value);
    }

    private static async Task<int> RunAsync(FileInfo input, IReadOnlyList<VideoProfile> ladder, DirectoryInfo output, double segmentSeconds, bool json, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var work = Path.Combine(Path.GetTempPath(), "livepeer-transcode-" + Guid.NewGuid().ToString("N"));
        try
        {
            var transcoder = new FfmpegTranscoder();
            (await transcoder.GetEncodersAsync(ct)).EnsureAvailable(ladder, "ffmpeg");
            var segments = await FileSplitter.SplitAsync(input.FullName, work, segmentSeconds, cancellationToken: ct);
            if (segments.Count == 0) throw new TranscodeException(TranscodeError.NoFrames, $"{input.FullName} produced no segments.");
            var window = segments.Count + 1;
            var hls = new HlsStreamStore(new HlsOptions { WindowSize = Math.Max(3, window), TargetDuration = Math.Max(4, (int)Math.Ceiling(segmentSeconds * 2)) });
            var dash = new DashStreamStore(new DashOptions { WindowSize = Math.Max(2, window) });
            var pipeline = new LivePipeline("file", ladder, transcoder, new CmafPackager(), hls, dash);
            var failures = new List<string>();
            double contentSeconds = 0;

            async Task Process(Action<int> progress)
            {
                for (int i = 0; i < segments.Count; i++)
                {
                    var data = await File.ReadAllBytesAsync(segments[i], ct);
                    var seg = await SegmentFromTs.CreateAsync("file", i, data, null, cancellationToken: ct);
                    contentSeconds += seg.Duration / 90000.0;
                    var result = await pipeline.AddSegmentAsync(seg, ct);
                    if (result.Error is not null) failures.Add($"segment {i}: {result.Error.Message.Split('\n')[0]}");
                    progress(i + 1);
                }
            }

            await CliProgress.RunAsync(json, $"Transcoding {segments.Count} segments x {ladder.Count} renditions", segments.Count, done => Process(n => done(n)));
            pipeline.End();
            hls.TryGet("file", out var hlsStream);
            dash.TryGet("file", out var dashStream);
            int files = await LadderWriter.WriteAsync(hlsStream, dashStream, output.FullName, ct);
            var elapsed = clock.Elapsed.TotalSeconds;
            if (json)
            {
                Console.WriteLine(JsonSerializer.Serialize(new
                {
                    input = input.FullName, output = output.FullName, segments = segments.Count, renditions = ladder.Select(p => p.Name).ToArray(),
                    contentSeconds = Math.Round(contentSeconds, 3), elapsedSeconds = Math.Round(elapsed, 3), files, failures,
                }));
            }
            else
            {
                Console.WriteLine($"{segments.Count} segments ({contentSeconds:0.0} s) x {ladder.Count} renditions in {elapsed:0.0} s (real-time ratio {elapsed / Math.Max(0.001, contentSeconds):0.00}); {files} files written.");
                Console.WriteLine($"HLS:  {Path.Combine(output.FullName, "hls", "index.m3u8")}");
                Console.WriteLine($"DASH: {Path.Combine(output.FullName, "dash", "manifest.mpd")}");
                foreach (var f in failures) Console.Error.WriteLine($"warning: {f}");
            }
            return failures.Count == 0 ? 0 : 3;
        }
        finally
        {
            try { Directory.Delete(work, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}
