using System.Globalization;
using System.Text.RegularExpressions;

namespace Livepeer.Media.Transcoding;

/// <summary>Per-output video frame counts from ffmpeg's final statistics (printed at -loglevel verbose).</summary>
public static partial class FfmpegStats
{
    [GeneratedRegex(@"^\s*Output file #(\d+)", RegexOptions.Multiline)]
    private static partial Regex OutputFile();

    [GeneratedRegex(@"^\s*Output stream #(\d+):\d+ \(video\):.*?(\d+) packets muxed", RegexOptions.Multiline)]
    private static partial Regex VideoStream();

    /// <summary>Video packets (= frames) muxed into each output file, keyed by output index.</summary>
    public static IReadOnlyDictionary<int, long> VideoFramesPerOutput(string stderr)
    {
        var result = new Dictionary<int, long>();
        foreach (Match m in VideoStream().Matches(stderr))
        {
            int file = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
            long frames = long.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture);
            result[file] = result.TryGetValue(file, out var f) ? f + frames : frames;
        }
        return result;
    }

    /// <summary>True when the log contains the final statistics block at all.</summary>
    public static bool HasFinalStats(string stderr) => OutputFile().IsMatch(stderr);
}
