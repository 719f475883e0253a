using System.Globalization;
using System.Text.Json;
using Livepeer.Media.Segmenting;
using Livepeer.Media.Transcoding;

namespace Livepeer.Media.Pipeline;

/// <summary>Builds a <see cref="MediaSegment"/> from a TS file that did not come from our segmenter (HTTP push, file splitting) by probing it.</summary>
public static class SegmentFromTs
{
    /// <summary>Probes <paramref name="data"/> for tracks, start PTS and duration; <paramref name="durationMs"/> (e.g. Content-Duration) wins when given.</summary>
    public static async Task<MediaSegment> CreateAsync(string streamName, long sequence, ReadOnlyMemory<byte> data, long? durationMs,
        string ffprobe = "ffprobe", string? tempDirectory = null, CancellationToken cancellationToken = default)
    {
        if (data.Length == 0)
            throw new TranscodeException(TranscodeError.NoFrames, "The segment is empty (0 bytes).");
        var path = Path.Combine(string.IsNullOrEmpty(tempDirectory) ? Path.GetTempPath() : tempDirectory, "livepeer-seg-" + Guid.NewGuid().ToString("N") + ".ts");
        await File.WriteAllBytesAsync(path, data, cancellationToken).ConfigureAwait(false);
        try
        {
            var run = await ProcessRun.RunAsync(ffprobe, ["-v", "error", "-of", "json", "-show_entries",
                "stream=codec_type,codec_name,width,height,start_time,duration:format=start_time,duration", path],
                TimeSpan.FromSeconds(20), cancellationToken).ConfigureAwait(false);
            if (run.ExitCode != 0)
                throw new TranscodeException(TranscodeError.CorruptInput, "The segment is not readable MPEG-TS (ffprobe rejected it).", run.StderrTail());
            using var doc = JsonDocument.Parse(run.StandardOutput);
            string? vcodec = null, acodec = null;
            int w = 0, h = 0;
            double? vstart = null, vdur = null;
            if (doc.RootElement.TryGetProperty("streams", out var streams))
            {
                foreach (var s in streams.EnumerateArray())
                {
                    var type = s.TryGetProperty("codec_type", out var t) ? t.GetString() : null;
                    var name = s.TryGetProperty("codec_name", out var n) ? n.GetString() : null;
                    if (type == "video" && vcodec is null)
                    {
                        vcodec = name;
                        w = s.TryGetProperty("width", out var ww) ? ww.GetInt32() : 0;
                        h = s.TryGetProperty("height", out var hh) ? hh.GetInt32() : 0;
                        vstart = Num(s, "start_time");
                        vdur = Num(s, "duration");
                    }
                    else if (type == "audio" && acodec is null) acodec = name;
                }
            }
            var format = doc.RootElement.TryGetProperty("format", out var f) ? f : default;
            double start = vstart ?? (format.ValueKind == JsonValueKind.Object ? Num(format, "start_time") : null) ?? 0;
            double dur = durationMs is > 0 ? durationMs.Value / 1000.0
                : vdur ?? (format.ValueKind == JsonValueKind.Object ? Num(format, "duration") : null) ?? 0;
            if (dur <= 0)
                throw new TranscodeException(TranscodeError.NoFrames, "The segment has no measurable duration; send Content-Duration (ms) or a segment with frames.");
            return new MediaSegment(streamName, sequence, data, (long)Math.Round(start * 90000), (long)Math.Round(dur * 90000), false,
                new SegmentTracks(vcodec, acodec, w, h));
        }
        finally
        {
            try { File.Delete(path); } catch (IOException) { }
        }
    }

    private static double? Num(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String
        && double.TryParse(v.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null;
}
