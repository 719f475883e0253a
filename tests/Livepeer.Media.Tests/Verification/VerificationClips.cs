using System.Globalization;
using Livepeer.Media.Segmenting;

namespace Livepeer.Media.Tests.Verification;

/// <summary>
/// Source clips of different content for verification tests, generated once per process with ffmpeg lavfi and cut into
/// 1 s MPEG-TS segments (H.264 + AAC, GOP 1 s). Every clip has the same timing, so segment n of one clip can stand in for
/// segment n of another ("wrong content").
/// </summary>
public static class VerificationClips
{
    public const int Width = 426, Height = 240, Fps = 30;

    /// <summary>Content kinds: lavfi video graph and audio source.</summary>
    public static readonly IReadOnlyDictionary<string, (string Video, string Audio)> Kinds = new Dictionary<string, (string, string)>
    {
        ["testsrc2"] = ($"testsrc2=size={Width}x{Height}:rate={Fps}", "sine=frequency=440:sample_rate=48000"),
        // Film-grain noise over a moving pattern: hard to encode, low SSIM for honest low-bitrate renditions.
        ["noise"] = ($"testsrc=size={Width}x{Height}:rate={Fps},noise=alls=100:allf=t", "anoisesrc=color=pink:seed=7:sample_rate=48000:amplitude=0.3"),
        ["cellauto"] = ($"cellauto=size={Width}x{Height}:rate={Fps}:rule=110:random_seed=5", "sine=frequency=660:sample_rate=48000"),
        // Fast motion: the test pattern spinning quickly.
        ["motion"] = ($"testsrc2=size={Width}x{Height}:rate={Fps},rotate=a=t*4:fillcolor=gray", "sine=frequency=330:sample_rate=48000"),
        ["mandelbrot"] = ($"mandelbrot=size={Width}x{Height}:rate={Fps}:maxiter=256", "sine=frequency=550:sample_rate=48000"),
        // Static scenes: bars that never change, and a black screen with silence (neither may count as black/frozen/silent).
        ["static"] = ($"smptebars=size={Width}x{Height}:rate={Fps}", "sine=frequency=1000:sample_rate=48000"),
        ["black"] = ($"color=c=black:size={Width}x{Height}:rate={Fps}", "anullsrc=sample_rate=48000:channel_layout=stereo"),
    };

    /// <summary>A clip whose picture and sound share nothing with <paramref name="kind"/>'s, for wrong-content tampering.</summary>
    public static string Unrelated(string kind) => kind switch
    {
        "testsrc2" => "mandelbrot",
        "noise" => "cellauto",
        "cellauto" => "motion",
        "motion" => "static",
        "mandelbrot" => "testsrc2",
        "static" => "noise",
        _ => "testsrc2",
    };

    private static readonly Dictionary<string, Lazy<IReadOnlyList<MediaSegment>>> Cache = Kinds.Keys.ToDictionary(
        k => k, k => new Lazy<IReadOnlyList<MediaSegment>>(() => Generate(k, 8)));

    /// <summary>The 1 s segments of a clip (8 of them).</summary>
    public static IReadOnlyList<MediaSegment> Segments(string kind) => Cache[kind].Value;

    private static IReadOnlyList<MediaSegment> Generate(string kind, int seconds)
    {
        var (video, audio) = Kinds[kind];
        var dir = Path.Combine(TestMedia.Root, "verify-" + kind);
        Directory.CreateDirectory(dir);
        var inv = CultureInfo.InvariantCulture;
        TestMedia.Run("ffmpeg", ["-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi", "-i", video, "-f", "lavfi", "-i", audio,
            "-t", seconds.ToString(inv), "-pix_fmt", "yuv420p", "-c:v", "libx264", "-preset", "ultrafast", "-crf", "18",
            "-g", Fps.ToString(inv), "-keyint_min", Fps.ToString(inv), "-sc_threshold", "0", "-c:a", "aac", "-ac", "2",
            "-f", "segment", "-segment_time", "1", "-segment_format", "mpegts", Path.Combine(dir, "seg%d.ts")]);
        var list = new List<MediaSegment>();
        for (int i = 0; File.Exists(Path.Combine(dir, $"seg{i}.ts")); i++)
        {
            var path = Path.Combine(dir, $"seg{i}.ts");
            var (start, duration) = TestMedia.VideoStartAndDuration(path);
            list.Add(new MediaSegment(kind, i, File.ReadAllBytes(path), (long)Math.Round(start * 90000), (long)Math.Round(duration * 90000), false,
                new SegmentTracks("h264", "aac", Width, Height)));
        }
        return list;
    }
}
