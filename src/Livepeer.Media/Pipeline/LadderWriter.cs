using System.Text.RegularExpressions;
using Livepeer.Media.Dash;
using Livepeer.Media.Hls;

namespace Livepeer.Media.Pipeline;

/// <summary>Writes a stream's HLS and DASH output to disk: DIR/hls/index.m3u8 (+ variants, segments) and DIR/dash/manifest.mpd (+ segments).</summary>
public static partial class LadderWriter
{
    [GeneratedRegex(@"^(?:#EXT-X-MAP:URI=""([^""]+)""|([^#\s][^\r\n]*))$", RegexOptions.Multiline)]
    private static partial Regex UriLine();

    /// <summary>Writes everything currently in the window; returns the number of files written.</summary>
    public static async Task<int> WriteAsync(HlsStream hls, DashStream dash, string directory, CancellationToken cancellationToken = default)
    {
        int files = 0;
        var hlsDir = Path.Combine(directory, "hls");
        Directory.CreateDirectory(hlsDir);
        await File.WriteAllTextAsync(Path.Combine(hlsDir, "index.m3u8"), hls.RenderMaster(), cancellationToken).ConfigureAwait(false);
        files++;
        foreach (var variant in hls.Variants)
        {
            var text = hls.RenderVariant(variant)!;
            var dir = Path.Combine(hlsDir, variant);
            Directory.CreateDirectory(dir);
            await File.WriteAllTextAsync(Path.Combine(dir, "index.m3u8"), text, cancellationToken).ConfigureAwait(false);
            files++;
            foreach (Match m in UriLine().Matches(text))
            {
                var uri = m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value.Trim();
                if (hls.TryGetSegment(variant, uri, out var data, out _))
                {
                    await File.WriteAllBytesAsync(Path.Combine(dir, uri), data, cancellationToken).ConfigureAwait(false);
                    files++;
                }
            }
        }
        var dashDir = Path.Combine(directory, "dash");
        Directory.CreateDirectory(dashDir);
        await File.WriteAllTextAsync(Path.Combine(dashDir, "manifest.mpd"), dash.RenderMpd(null), cancellationToken).ConfigureAwait(false);
        files++;
        foreach (var id in dash.Representations)
        {
            var dir = Path.Combine(dashDir, id);
            Directory.CreateDirectory(dir);
            bool webm = dash.TryGet(id, "init.webm", out var init);
            if (webm || dash.TryGet(id, "init.mp4", out init))
            {
                await File.WriteAllBytesAsync(Path.Combine(dir, webm ? "init.webm" : "init.mp4"), init, cancellationToken).ConfigureAwait(false);
                files++;
            }
            foreach (var seg in dash.SegmentsOf(id))
            {
                await File.WriteAllBytesAsync(Path.Combine(dir, $"{seg.Number}.{(webm ? "webm" : "m4s")}"), seg.Data, cancellationToken).ConfigureAwait(false);
                files++;
            }
        }
        return files;
    }
}
