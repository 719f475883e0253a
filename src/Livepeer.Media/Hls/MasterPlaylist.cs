using System.Globalization;
using System.Text;

namespace Livepeer.Media.Hls;

/// <summary>Renders an HLS master (multivariant) playlist: one EXT-X-STREAM-INF per variant.</summary>
public static class MasterPlaylist
{
    /// <summary>One line pair per variant, in the given order (the first is where players start).</summary>
    public static string Render(IEnumerable<(HlsVariantInfo Info, long PeakBandwidth, long AverageBandwidth)> variants)
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder("#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-INDEPENDENT-SEGMENTS\n");
        foreach (var (info, peak, average) in variants)
        {
            sb.Append(inv, $"#EXT-X-STREAM-INF:BANDWIDTH={Math.Max(1, peak)},AVERAGE-BANDWIDTH={Math.Max(1, average)}");
            if (info.Width > 0 && info.Height > 0) sb.Append(inv, $",RESOLUTION={info.Width}x{info.Height}");
            if (!string.IsNullOrEmpty(info.Codecs)) sb.Append(inv, $",CODECS=\"{info.Codecs}\"");
            if (info.FrameRate > 0) sb.Append(inv, $",FRAME-RATE={info.FrameRate:0.000}");
            sb.Append(inv, $"\n{info.Name}/index.m3u8\n");
        }
        return sb.ToString();
    }
}
