using System.Globalization;
using System.Text;
using Livepeer.Media.Profiles;

namespace Livepeer.Media.Verification;

/// <summary>
/// The ffmpeg run of the perceptual check, one for all renditions of a segment. The reference is the source through the transcoder's own fps filter
/// (with -copyts, so its frames carry the same timestamps as an honest rendition's) scaled down; both sides are shrunk to a
/// small compare size, get per-frame luma stats (signalstats: average for black frames, change from the previous frame for
/// frozen ones), a light blur, and go through ssim. The signed difference of the two (blend grainextract, 128 = equal) is
/// area-averaged onto a small tile grid and written raw, so a persistent local overlay shows up as one biased tile. Audio
/// of both is decoded to low-rate mono PCM files for correlation.
/// </summary>
public static class PerceptualCommand
{
    /// <summary>The source's PCM file (shared by all renditions).</summary>
    public const string ReferenceAudio = "ref.pcm";

    /// <summary>Per-frame stats of the reference for the rendition tagged <paramref name="tag"/>.</summary>
    public static string ReferenceStats(string tag) => $"ref{tag}.txt";

    /// <summary>Per-frame stats and SSIM of the rendition tagged <paramref name="tag"/>.</summary>
    public static string RenditionStats(string tag) => $"ren{tag}.txt";

    /// <summary>Per-frame tile grid of the rendition tagged <paramref name="tag"/>: one byte per tile, 128 + mean signed luma difference.</summary>
    public static string RenditionTiles(string tag) => $"tiles{tag}.gray";

    /// <summary>PCM of the rendition tagged <paramref name="tag"/>.</summary>
    public static string RenditionAudio(string tag) => $"ren{tag}.pcm";

    /// <summary>The compare size for a profile: <paramref name="compareWidth"/> wide (0 = profile width), even height, aspect kept.</summary>
    public static (int Width, int Height) CompareSize(VideoProfile p, int compareWidth)
    {
        if (compareWidth == 0 || compareWidth >= p.Width) return (p.Width, p.Height);
        int h = (int)Math.Round((double)compareWidth * p.Height / p.Width / 2) * 2;
        return (compareWidth, Math.Max(2, h));
    }

    /// <summary>
    /// Arguments comparing every rendition in <paramref name="items"/> (inputs 1..N) with <paramref name="source"/> (input 0)
    /// in one run: the source is decoded once and split into one reference chain per rendition. Outputs go to <paramref name="dir"/>.
    /// </summary>
    public static List<string> Build(string source, IReadOnlyList<PerceptualItem> items, string dir, VerificationOptions o)
    {
        ArgumentOutOfRangeException.ThrowIfZero(items.Count);
        var inv = CultureInfo.InvariantCulture;
        string Path(string name) => EscapeFilterPath(System.IO.Path.Combine(dir, name));
        string blur = o.CompareBlur > 0 ? string.Create(inv, $",gblur=sigma={o.CompareBlur:0.###}") : "";
        var g = new StringBuilder();
        g.Append(inv, $"[0:v:0]split={items.Count}");
        for (int i = 0; i < items.Count; i++) g.Append(inv, $"[src{i}]");
        for (int i = 0; i < items.Count; i++)
        {
            var (p, tag) = (items[i].Profile, items[i].Tag);
            var (cw, ch) = CompareSize(p, o.CompareWidth);
            // Both sides go straight to the small compare size (area averaging) before any per-frame work: luma stats and
            // SSIM at 80 px wide cost next to nothing, while at the profile's size signalstats alone costs more than a transcode.
            g.Append(inv, $";[src{i}]");
            if (p.FpsNum > 0) g.Append(inv, $"fps={p.FpsNum}/{p.FpsDen},");
            g.Append(inv, $"scale={cw}:{ch}:flags=area,format=yuv420p,signalstats,split[rm{i}][rs{i}]");
            g.Append(inv, $";[rm{i}]metadata=print:file={Path(ReferenceStats(tag))},nullsink");
            bool tiles = o.TileGrid > 0;
            g.Append(inv, $";[rs{i}]null{blur}{(tiles ? $",split[rc{i}][rt{i}]" : $"[rc{i}]")}");
            // The rendition goes onto the same frame grid: WebM stores milliseconds, so its 4.433 s frame would otherwise
            // pair with the reference frame before 4.4333 s and every third frame would be compared one frame late.
            g.Append(inv, $";[{i + 1}:v:0]");
            if (p.FpsNum > 0) g.Append(inv, $"fps={p.FpsNum}/{p.FpsDen}:round=near,");
            g.Append(inv, $"scale={cw}:{ch}:flags=area,format=yuv420p,signalstats{blur}{(tiles ? $",split[dc{i}][dt{i}]" : $"[dc{i}]")}");
            g.Append(inv, $";[dc{i}][rc{i}]ssim,metadata=print:file={Path(RenditionStats(tag))}[vout{i}]");
            // Signed, not absolute, difference: coding noise averages out over a tile, an overlay's brightness change does not.
            if (tiles) g.Append(inv, $";[dt{i}][rt{i}]blend=all_mode=grainextract,scale={o.TileGrid}:{o.TileGrid}:flags=area,format=yuv420p,extractplanes=y[tout{i}]");
        }
        bool audio = items.Any(x => x.Audio);
        string fmt = string.Create(inv, $"aresample={o.AudioSampleRate},aformat=sample_fmts=s16:channel_layouts=mono");
        if (audio)
        {
            g.Append(inv, $";[0:a:0]{fmt}[ar]");
            for (int i = 0; i < items.Count; i++)
                if (items[i].Audio) g.Append(inv, $";[{i + 1}:a:0]{fmt}[ad{i}]");
        }
        var args = new List<string> { "-hide_banner", "-nostdin", "-nostats", "-loglevel", "error", "-y", "-copyts", "-i", source };
        foreach (var item in items) args.AddRange(["-i", item.Path]);
        args.AddRange(["-filter_complex", g.ToString()]);
        for (int i = 0; i < items.Count; i++) args.AddRange(["-map", $"[vout{i}]", "-f", "null", "-"]);
        for (int i = 0; i < items.Count && o.TileGrid > 0; i++)
            args.AddRange(["-map", $"[tout{i}]", "-f", "rawvideo", System.IO.Path.Combine(dir, RenditionTiles(items[i].Tag))]);
        if (audio)
        {
            args.AddRange(["-map", "[ar]", "-f", "s16le", System.IO.Path.Combine(dir, ReferenceAudio)]);
            for (int i = 0; i < items.Count; i++)
                if (items[i].Audio) args.AddRange(["-map", $"[ad{i}]", "-f", "s16le", System.IO.Path.Combine(dir, RenditionAudio(items[i].Tag))]);
        }
        return args;
    }

    private static string EscapeFilterPath(string path)
    {
        // Filter graph syntax gives these characters meaning; the working directory is ours, so refuse rather than escape.
        if (path.IndexOfAny([':', ',', ';', '[', ']', '\'', '\\', ' ']) >= 0)
            throw new ArgumentException($"Working path \"{path}\" contains characters ffmpeg's filter syntax reserves; set VerificationOptions.TempDirectory to a directory without them.", nameof(path));
        return path;
    }
}
