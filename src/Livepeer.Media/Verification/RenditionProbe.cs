using System.Globalization;
using System.Text.Json;

namespace Livepeer.Media.Verification;

/// <summary>What decoding a rendition with ffprobe (-show_frames) found: codec, frame sizes, frame count, frame rate, audio.</summary>
/// <param name="VideoCodec">ffprobe codec name of the first video stream.</param>
/// <param name="Width">Width of the first decoded frame.</param>
/// <param name="Height">Height of the first decoded frame.</param>
/// <param name="Frames">Decoded video frames.</param>
/// <param name="Pixels">Sum of width x height over decoded video frames.</param>
/// <param name="FrameRate">Frames per second from the decoded timestamps, or null with fewer than two frames.</param>
/// <param name="SizeChanges">True when some frame's size differs from the first frame's.</param>
/// <param name="HasAudio">True when the container has an audio stream.</param>
public sealed record RenditionProbe(string VideoCodec, int Width, int Height, long Frames, long Pixels, double? FrameRate, bool SizeChanges, bool HasAudio)
{
    /// <summary>Arguments for ffprobe that decode every frame and print what <see cref="Parse"/> needs.</summary>
    public static IReadOnlyList<string> Arguments(string path) =>
    [
        "-v", "error", "-show_entries",
        "stream=index,codec_type,codec_name:frame=stream_index,media_type,best_effort_timestamp_time,width,height",
        "-of", "json", path,
    ];

    /// <summary>Parses ffprobe's JSON; throws <see cref="FormatException"/> saying what is missing when the rendition has no decodable video.</summary>
    public static RenditionProbe Parse(string json)
    {
        JsonDocument doc;
        try { doc = JsonDocument.Parse(json); }
        catch (JsonException e) { throw new FormatException("ffprobe printed no readable stream information.", e); }
        using (doc)
        {
            var root = doc.RootElement;
            int videoIndex = -1;
            string? codec = null;
            bool audio = false;
            if (root.TryGetProperty("streams", out var streams))
            {
                foreach (var s in streams.EnumerateArray())
                {
                    var type = s.TryGetProperty("codec_type", out var t) ? t.GetString() : null;
                    if (type == "video" && videoIndex < 0)
                    {
                        videoIndex = s.GetProperty("index").GetInt32();
                        codec = s.TryGetProperty("codec_name", out var c) ? c.GetString() : null;
                    }
                    else if (type == "audio") audio = true;
                }
            }
            if (videoIndex < 0) throw new FormatException("no video stream");
            long frames = 0, pixels = 0;
            int width = 0, height = 0;
            bool sizeChanges = false;
            var times = new List<double>();
            if (root.TryGetProperty("frames", out var list))
            {
                foreach (var f in list.EnumerateArray())
                {
                    if (!f.TryGetProperty("stream_index", out var si) || si.GetInt32() != videoIndex) continue;
                    int w = f.TryGetProperty("width", out var fw) ? fw.GetInt32() : 0;
                    int h = f.TryGetProperty("height", out var fh) ? fh.GetInt32() : 0;
                    if (frames == 0) { width = w; height = h; }
                    else if (w != width || h != height) sizeChanges = true;
                    frames++;
                    pixels += (long)w * h;
                    if (f.TryGetProperty("best_effort_timestamp_time", out var ts)
                        && double.TryParse(ts.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var sec))
                        times.Add(sec);
                }
            }
            if (frames == 0) throw new FormatException("no decodable video frames");
            return new RenditionProbe(codec ?? "unknown", width, height, frames, pixels, RateOf(times), sizeChanges, audio);
        }
    }

    /// <summary>Frames per second from presentation times: (n - 1) intervals over the span first..last.</summary>
    internal static double? RateOf(List<double> times)
    {
        if (times.Count < 2) return null;
        times.Sort();
        double span = times[^1] - times[0];
        return span > 0 ? (times.Count - 1) / span : null;
    }
}
