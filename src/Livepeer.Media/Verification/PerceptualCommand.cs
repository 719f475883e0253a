using System.Globalization;
using System.Text;
using Livepeer.Media.Profiles;

namespace Livepeer.Media.Verification;

/// <summary>
/// The one ffmpeg run of the perceptual check. The reference is the source through the transcoder's own fps+scale chain
/// (with -copyts, so its frames carry the same timestamps as an honest rendition's); both sides get per-frame luma stats
/// (signalstats: average for black frames, change from the previous frame for frozen ones), are shrunk to a small compare
/// size and go through ssim. Audio of both is decoded to low-rate mono PCM files for correlation.
/// </summary>
public static class PerceptualCommand
{
    /// <summary>File names written into the working directory.</summary>
    public const string ReferenceStats = "ref.txt", RenditionStats = "ren.txt", ReferenceAudio = "ref.pcm", RenditionAudio = "ren.pcm";

    /// <summary>The compare size for a profile: <paramref name="compareWidth"/> wide (0 = profile width), even height, aspect kept.</summary>
    public static (int Width, int Height) CompareSize(VideoProfile p, int compareWidth)
    {
        if (compareWidth == 0 || compareWidth >= p.Width) return (p.Width, p.Height);
        int h = (int)Math.Round((double)compareWidth * p.Height / p.Width / 2) * 2;
        return (compareWidth, Math.Max(2, h));
    }

    /// <summary>Arguments comparing <paramref name="rendition"/> (input 1) with <paramref name="source"/> (input 0), writing into <paramref name="dir"/>.</summary>
    public static List<string> Build(string source, string rendition, string dir, VideoProfile p, VerificationOptions o, bool audio)
    {
        var inv = CultureInfo.InvariantCulture;
        var (cw, ch) = CompareSize(p, o.CompareWidth);
        string Path(string name) => EscapeFilterPath(System.IO.Path.Combine(dir, name));
        var g = new StringBuilder();
        g.Append("[0:v:0]");
        if (p.FpsNum > 0) g.Append(inv, $"fps={p.FpsNum}/{p.FpsDen},");
        g.Append(inv, $"scale={p.Width}:{p.Height},setsar=1,format=yuv420p,signalstats,split[rm][rs];");
        g.Append(inv, $"[rm]metadata=print:file={Path(ReferenceStats)},nullsink;");
        g.Append(inv, $"[rs]scale={cw}:{ch}:flags=area[rc];");
        g.Append(inv, $"[1:v:0]scale={p.Width}:{p.Height},setsar=1,format=yuv420p,signalstats,scale={cw}:{ch}:flags=area[dc];");
        g.Append(inv, $"[dc][rc]ssim,metadata=print:file={Path(RenditionStats)}[vout]");
        if (audio)
        {
            string fmt = string.Create(inv, $"aresample={o.AudioSampleRate},aformat=sample_fmts=s16:channel_layouts=mono");
            g.Append(inv, $";[0:a:0]{fmt}[ar];[1:a:0]{fmt}[ad]");
        }
        var args = new List<string>
        {
            "-hide_banner", "-nostdin", "-nostats", "-loglevel", "error", "-y", "-copyts", "-i", source, "-i", rendition,
            "-filter_complex", g.ToString(), "-map", "[vout]", "-f", "null", "-",
        };
        if (audio)
        {
            args.AddRange(["-map", "[ar]", "-f", "s16le", System.IO.Path.Combine(dir, ReferenceAudio)]);
            args.AddRange(["-map", "[ad]", "-f", "s16le", System.IO.Path.Combine(dir, RenditionAudio)]);
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
