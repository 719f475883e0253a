using System.Diagnostics;

namespace Livepeer.Media.Bench;

/// <summary>Generates the benchmark's source FLV with ffmpeg lavfi sources (cached in the temp directory).</summary>
public static class SourceMedia
{
    public static string Flv(int seconds = 10)
    {
        var path = Path.Combine(Path.GetTempPath(), $"livepeer-bench-360p30-{seconds}s.flv");
        if (File.Exists(path)) return path;
        var psi = new ProcessStartInfo("ffmpeg")
        {
            ArgumentList =
            {
                "-v", "error", "-y", "-f", "lavfi", "-i", "testsrc2=size=640x360:rate=30", "-f", "lavfi", "-i", "sine=frequency=440",
                "-c:v", "libx264", "-preset", "veryfast", "-b:v", "1000k", "-g", "60", "-c:a", "aac", "-b:a", "96k",
                "-t", seconds.ToString(System.Globalization.CultureInfo.InvariantCulture), "-f", "flv", path,
            },
        };
        using var p = Process.Start(psi)!;
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException("ffmpeg could not generate the benchmark source.");
        return path;
    }
}
