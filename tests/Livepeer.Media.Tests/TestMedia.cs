using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Livepeer.Media.Segmenting;

namespace Livepeer.Media.Tests;

/// <summary>Test media generated with ffmpeg lavfi sources, once per process, plus ffprobe/ffmpeg wrappers for assertions.</summary>
public static class TestMedia
{
    private static readonly Lazy<IReadOnlyList<MediaSegment>> Small = new(() => Generate("small", 320, 180, 30, 3, 1));

    /// <summary>Three 1 s segments, 320x180 30 fps H.264 + AAC, GOP 1 s, continuous timestamps.</summary>
    public static IReadOnlyList<MediaSegment> SmallSegments => Small.Value;

    public static string Root { get; } = CreateRoot();

    private static string CreateRoot()
    {
        var dir = Path.Combine(Path.GetTempPath(), "livepeer-media-tests-" + Environment.ProcessId);
        Directory.CreateDirectory(dir);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        };
        return dir;
    }

    public static IReadOnlyList<MediaSegment> Generate(string name, int w, int h, int fps, int seconds, int segmentSeconds, string stream = "test")
    {
        var dir = Path.Combine(Root, name);
        Directory.CreateDirectory(dir);
        var inv = CultureInfo.InvariantCulture;
        Run("ffmpeg", ["-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi", "-i", $"testsrc2=size={w}x{h}:rate={fps}",
            "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000", "-t", seconds.ToString(inv),
            "-c:v", "libx264", "-preset", "ultrafast", "-g", (fps * segmentSeconds).ToString(inv), "-keyint_min", (fps * segmentSeconds).ToString(inv),
            "-sc_threshold", "0", "-c:a", "aac", "-f", "segment", "-segment_time", segmentSeconds.ToString(inv), "-segment_format", "mpegts",
            Path.Combine(dir, "seg%d.ts")]);
        var list = new List<MediaSegment>();
        for (int i = 0; File.Exists(Path.Combine(dir, $"seg{i}.ts")); i++)
        {
            var path = Path.Combine(dir, $"seg{i}.ts");
            var (start, duration) = VideoStartAndDuration(path);
            list.Add(new MediaSegment(stream, i, File.ReadAllBytes(path), (long)Math.Round(start * 90000), (long)Math.Round(duration * 90000), false,
                new SegmentTracks("h264", "aac", w, h)));
        }
        return list;
    }

    public static (double Start, double Duration) VideoStartAndDuration(string path)
    {
        var json = Probe(path, "-select_streams", "v:0", "-show_entries", "stream=start_time,duration:format=duration");
        var s = json.RootElement.GetProperty("streams")[0];
        double start = double.Parse(s.GetProperty("start_time").GetString()!, CultureInfo.InvariantCulture);
        double dur = s.TryGetProperty("duration", out var d) ? double.Parse(d.GetString()!, CultureInfo.InvariantCulture)
            : double.Parse(json.RootElement.GetProperty("format").GetProperty("duration").GetString()!, CultureInfo.InvariantCulture);
        return (start, dur);
    }

    /// <summary>The flags of the file's first video packet ("K_" when it is a keyframe).</summary>
    public static string FirstVideoPacketFlags(string path)
    {
        var json = Probe(path, "-select_streams", "v:0", "-read_intervals", "%+#1", "-show_entries", "packet=flags");
        return json.RootElement.GetProperty("packets")[0].GetProperty("flags").GetString()!;
    }

    /// <summary>True while the process with this id runs (an ffmpeg a test started through a transcoder).</summary>
    public static bool ProcessAlive(int pid)
    {
        try
        {
            using var p = Process.GetProcessById(pid);
            return !p.HasExited;
        }
        catch (ArgumentException) { return false; }
        catch (InvalidOperationException) { return false; }
    }

    /// <summary>The bytes of the video packets in an MPEG-TS file (no container, no audio).</summary>
    public static long VideoPacketBytes(byte[] ts)
    {
        using var json = ProbeBytes(ts, "ts", "-select_streams", "v:0", "-show_entries", "packet=size");
        return json.RootElement.GetProperty("packets").EnumerateArray()
            .Sum(p => long.Parse(p.GetProperty("size").GetString()!, CultureInfo.InvariantCulture));
    }

    public static JsonDocument Probe(string path, params string[] extra)
    {
        var args = new List<string> { "-v", "error", "-of", "json" };
        args.AddRange(extra);
        args.Add(path);
        return JsonDocument.Parse(Run("ffprobe", args).Stdout);
    }

    public static JsonDocument ProbeBytes(byte[] data, string ext, params string[] extra)
    {
        var path = Path.Combine(Root, "probe-" + Guid.NewGuid().ToString("N") + "." + ext);
        File.WriteAllBytes(path, data);
        try { return Probe(path, extra); }
        finally { File.Delete(path); }
    }

    /// <summary>Decodes a whole file; returns ffmpeg's error output (empty when it decoded cleanly).</summary>
    public static string DecodeErrors(string path) => Run("ffmpeg", ["-hide_banner", "-v", "error", "-i", path, "-f", "null", "-"], allowFailure: true).Stderr;

    public static (string Stdout, string Stderr, int Exit) Run(string file, IEnumerable<string> args, bool allowFailure = false)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(120_000)) { p.Kill(true); throw new TimeoutException($"{file} hung"); }
        p.WaitForExit();
        if (p.ExitCode != 0 && !allowFailure)
            throw new InvalidOperationException($"{file} {string.Join(' ', psi.ArgumentList)} failed: {stderr.Result}");
        return (stdout.Result, stderr.Result, p.ExitCode);
    }
}
