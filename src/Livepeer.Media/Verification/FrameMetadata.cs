using System.Globalization;

namespace Livepeer.Media.Verification;

/// <summary>Per-frame values printed by ffmpeg's <c>metadata=print</c> filter: a "frame:N pts:P pts_time:T" line, then key=value lines.</summary>
/// <param name="PtsTime">The frame's presentation time in seconds.</param>
/// <param name="Values">The frame's numeric metadata (e.g. lavfi.signalstats.YAVG, lavfi.ssim.All).</param>
public sealed record FrameMetadata(double PtsTime, IReadOnlyDictionary<string, double> Values)
{
    /// <summary>The value of <paramref name="key"/>, or <paramref name="fallback"/> when absent.</summary>
    public double Get(string key, double fallback = double.NaN) => Values.TryGetValue(key, out var v) ? v : fallback;

    /// <summary>Parses the whole print file; non-numeric values are skipped.</summary>
    public static IReadOnlyList<FrameMetadata> Parse(string text)
    {
        var frames = new List<FrameMetadata>();
        Dictionary<string, double>? current = null;
        double pts = 0;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.StartsWith("frame:", StringComparison.Ordinal))
            {
                if (current is not null) frames.Add(new FrameMetadata(pts, current));
                current = new Dictionary<string, double>(StringComparer.Ordinal);
                pts = double.NaN;
                int at = line.IndexOf("pts_time:", StringComparison.Ordinal);
                if (at >= 0 && double.TryParse(line[(at + 9)..].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var t)) pts = t;
                continue;
            }
            int eq = line.IndexOf('=');
            if (current is null || eq <= 0) continue;
            if (double.TryParse(line[(eq + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
                current[line[..eq]] = v;
        }
        if (current is not null) frames.Add(new FrameMetadata(pts, current));
        return frames;
    }
}
