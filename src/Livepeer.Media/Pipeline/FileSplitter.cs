using System.Globalization;
using Livepeer.Media.Codecs;
using Livepeer.Media.Transcoding;

namespace Livepeer.Media.Pipeline;

/// <summary>
/// Cuts a media file into MPEG-TS segments of about <c>segmentSeconds</c> with ffmpeg's segment muxer (a file, not a live
/// stream, so the ingest segmenter is not involved). H.264/HEVC + AAC inputs are copied; anything else is first encoded to
/// H.264 + AAC with a keyframe every segment.
/// </summary>
public static class FileSplitter
{
    /// <summary>Splits <paramref name="input"/> into <paramref name="outputDirectory"/>/seg00000.ts...; returns the paths in order.</summary>
    public static async Task<IReadOnlyList<string>> SplitAsync(string input, string outputDirectory, double segmentSeconds = 2,
        string ffmpeg = "ffmpeg", string ffprobe = "ffprobe", CancellationToken cancellationToken = default)
    {
        if (!File.Exists(input)) throw new FileNotFoundException($"Input file {input} does not exist.", input);
        if (segmentSeconds is < 0.5 or > 30) throw new ArgumentOutOfRangeException(nameof(segmentSeconds), "Segments must be 0.5..30 s long.");
        Directory.CreateDirectory(outputDirectory);
        var probe = await ProcessRun.RunAsync(ffprobe, ["-v", "error", "-show_entries", "stream=codec_type,codec_name", "-of", "csv=p=0", input],
            TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);
        if (probe.ExitCode != 0)
            throw new TranscodeException(TranscodeError.CorruptInput, $"{input} is not a media file ffprobe can read.", probe.StderrTail());
        var streams = probe.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(l => l.Split(',')).Where(p => p.Length >= 2).Select(p => (Codec: p[0], Type: p[1])).ToList();
        var video = streams.FirstOrDefault(s => s.Type == "video").Codec;
        var audio = streams.FirstOrDefault(s => s.Type == "audio").Codec;
        if (video is null) throw new TranscodeException(TranscodeError.NoFrames, $"{input} has no video stream.");
        // Codecs ingest reads are copied into the segments; anything else is re-encoded to H.264.
        bool copy = IngestCodecTable.FromProbeName(video) is not null && audio is null or "aac";
        var seconds = segmentSeconds.ToString(CultureInfo.InvariantCulture);
        var args = new List<string> { "-hide_banner", "-nostdin", "-loglevel", "error", "-y", "-i", input, "-map", "0:v:0", "-map", "0:a:0?" };
        if (copy) args.AddRange(["-c", "copy"]);
        else args.AddRange(["-c:v", "libx264", "-preset", "veryfast", "-force_key_frames", $"expr:gte(t,n_forced*{seconds})", "-c:a", "aac"]);
        args.AddRange(["-f", "segment", "-segment_time", seconds, "-segment_format", "mpegts", Path.Combine(outputDirectory, "seg%05d.ts")]);
        var run = await ProcessRun.RunAsync(ffmpeg, args, TimeSpan.FromHours(2), cancellationToken).ConfigureAwait(false);
        if (run.ExitCode != 0)
            throw new TranscodeException(TranscodeError.FfmpegFailed, $"Splitting {input} into segments failed.", run.StderrTail());
        return Directory.GetFiles(outputDirectory, "seg*.ts").Order(StringComparer.Ordinal).ToList();
    }
}
