using System.Globalization;
using System.Text.Json;

namespace Livepeer.Media.Transcoding;

/// <summary>What ffprobe says about an input segment's first video stream, and the checks that turn problems into typed errors.</summary>
/// <param name="VideoCodec">ffprobe codec name, e.g. "h264".</param>
/// <param name="Width">Coded width.</param>
/// <param name="Height">Coded height.</param>
/// <param name="FrameRateNum">Frame rate numerator (r_frame_rate).</param>
/// <param name="FrameRateDen">Frame rate denominator.</param>
/// <param name="HasAudio">True when an audio stream exists.</param>
/// <param name="AudioCodec">ffprobe audio codec name or null.</param>
public sealed record SegmentProbe(string VideoCodec, int Width, int Height, int FrameRateNum, int FrameRateDen, bool HasAudio, string? AudioCodec)
{
    private static readonly HashSet<string> Decodable = new(StringComparer.Ordinal) { "h264", "hevc", "vp8", "vp9", "av1", "mpeg2video", "mpeg4" };

    /// <summary>Probes <paramref name="path"/>: stream info plus the first video packet's flags.</summary>
    public static async Task<SegmentProbe> RunAsync(string ffprobe, string path, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var run = await ProcessRun.RunAsync(ffprobe,
            ["-v", "error", "-show_entries", "stream=index,codec_type,codec_name,width,height,r_frame_rate:packet=stream_index,flags",
             "-read_intervals", "%+#8", "-of", "json", path], timeout, cancellationToken).ConfigureAwait(false);
        if (run.ExitCode != 0)
            throw new TranscodeException(TranscodeError.CorruptInput,
                "The segment is not readable MPEG-TS (ffprobe rejected it); send a complete TS segment that starts with PAT/PMT.", run.StderrTail());
        return Parse(run.StandardOutput, run.StandardError);
    }

    internal static SegmentProbe Parse(string json, string stderr)
    {
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        JsonElement? video = null;
        string? audioCodec = null;
        bool hasAudio = false;
        if (root.TryGetProperty("streams", out var streams))
        {
            foreach (var s in streams.EnumerateArray())
            {
                var type = s.TryGetProperty("codec_type", out var ct) ? ct.GetString() : null;
                if (type == "video" && video is null) video = s;
                if (type == "audio" && !hasAudio)
                {
                    hasAudio = true;
                    audioCodec = s.TryGetProperty("codec_name", out var ac) ? ac.GetString() : null;
                }
            }
        }
        if (video is not { } v)
            throw new TranscodeException(TranscodeError.NoFrames,
                hasAudio ? "The segment has audio but no video stream; there is nothing to transcode into video renditions."
                         : "The segment has no video stream (empty or unrecognised content).", Tail(stderr));
        var codec = v.TryGetProperty("codec_name", out var cn) ? cn.GetString() : null;
        if (codec is null || !Decodable.Contains(codec))
            throw new TranscodeException(TranscodeError.UnsupportedCodec,
                $"The segment's video codec \"{codec ?? "unknown"}\" is not supported; send H.264 or HEVC.", Tail(stderr));
        int index = v.GetProperty("index").GetInt32();
        string? firstFlags = null;
        if (root.TryGetProperty("packets", out var packets))
        {
            foreach (var p in packets.EnumerateArray())
            {
                if (p.TryGetProperty("stream_index", out var si) && si.GetInt32() == index)
                {
                    firstFlags = p.TryGetProperty("flags", out var f) ? f.GetString() : "";
                    break;
                }
            }
        }
        if (firstFlags is null)
            throw new TranscodeException(TranscodeError.NoFrames, "The segment's video stream has no frames (zero-frame segment).", Tail(stderr));
        if (!firstFlags.Contains('K', StringComparison.Ordinal))
            throw new TranscodeException(TranscodeError.NoKeyframe,
                "The segment does not start with a keyframe (IDR); cut segments at keyframes so each decodes on its own.", Tail(stderr));
        int width = v.TryGetProperty("width", out var w) ? w.GetInt32() : 0;
        int height = v.TryGetProperty("height", out var h) ? h.GetInt32() : 0;
        var (num, den) = ParseRate(v.TryGetProperty("r_frame_rate", out var r) ? r.GetString() : null);
        return new SegmentProbe(codec, width, height, num, den, hasAudio, audioCodec);
    }

    private static string? Tail(string stderr) => stderr.Length == 0 ? null : ProcessRun.Tail(stderr, 10);

    internal static (int Num, int Den) ParseRate(string? rate)
    {
        if (rate is null) return (0, 1);
        var parts = rate.Split('/');
        if (parts.Length == 2 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var d) && d > 0)
            return (n, d);
        return (0, 1);
    }
}
