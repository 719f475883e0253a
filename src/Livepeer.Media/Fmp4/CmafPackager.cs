using Livepeer.Media.Transcoding;

namespace Livepeer.Media.Fmp4;

/// <summary>
/// Remuxes segments (no re-encode) into CMAF fragments, one track per output, with ffmpeg: the source TS into a video
/// and an audio fMP4, each rendition into a video fMP4. Source timestamps are kept in tfdt, so fragments of consecutive
/// segments continue each other.
/// </summary>
public sealed class CmafPackager(string ffmpegPath = "ffmpeg", string tempDirectory = "")
{
    private readonly string _temp = string.IsNullOrEmpty(tempDirectory) ? Path.GetTempPath() : tempDirectory;

    /// <summary>One remux request: input bytes and which track to keep.</summary>
    /// <param name="Data">Input file bytes (TS, MP4).</param>
    /// <param name="Extension">Input extension hint: ts or mp4.</param>
    /// <param name="Audio">True for the first audio track, false for the first video track.</param>
    /// <param name="SampleEntry">The video's sample entry from the codec tables (hvc1 for HEVC, which browsers require
    /// and ffmpeg does not write by default), or null to keep ffmpeg's.</param>
    /// <param name="Muxed">Keep the first video and (if present) first audio track together, for HLS fMP4 variants.</param>
    public sealed record Job(ReadOnlyMemory<byte> Data, string Extension, bool Audio, string? SampleEntry = null, bool Muxed = false);

    /// <summary>Runs all jobs in one ffmpeg process; result i is the fragment for job i.</summary>
    public async Task<IReadOnlyList<Fmp4Segment>> PackageAsync(IReadOnlyList<Job> jobs, CancellationToken cancellationToken = default)
    {
        if (jobs.Count == 0) return [];
        var dir = Path.Combine(_temp, "livepeer-cmaf-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            var args = new List<string> { "-hide_banner", "-nostdin", "-nostats", "-loglevel", "error", "-y", "-copyts" };
            for (int i = 0; i < jobs.Count; i++)
            {
                var input = Path.Combine(dir, $"in{i}.{jobs[i].Extension}");
                await File.WriteAllBytesAsync(input, jobs[i].Data, cancellationToken).ConfigureAwait(false);
                args.AddRange(["-i", input]);
            }
            for (int i = 0; i < jobs.Count; i++)
            {
                var j = jobs[i];
                if (j.Muxed) args.AddRange(["-map", $"{i}:v:0", "-map", $"{i}:a:0?"]);
                else args.AddRange(["-map", j.Audio ? $"{i}:a:0" : $"{i}:v:0"]);
                args.AddRange(["-c", "copy"]);
                if (j.Audio || j.Muxed) args.AddRange(["-bsf:a", "aac_adtstoasc"]);
                if (!j.Audio && j.SampleEntry is { } tag) args.AddRange(["-tag:v", tag]);
                args.AddRange(FfmpegCommand.Fmp4MuxerArgs);
                if (!j.Audio) args.AddRange(["-video_track_timescale", "90000"]);
                args.Add(Path.Combine(dir, $"out{i}.mp4"));
            }
            var run = await ProcessRun.RunAsync(ffmpegPath, args, TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);
            if (run.ExitCode != 0)
                throw new TranscodeException(TranscodeError.FfmpegFailed, "Packaging segments as fragmented MP4 failed.", run.StderrTail());
            var result = new List<Fmp4Segment>(jobs.Count);
            for (int i = 0; i < jobs.Count; i++)
            {
                var bytes = await File.ReadAllBytesAsync(Path.Combine(dir, $"out{i}.mp4"), cancellationToken).ConfigureAwait(false);
                try { result.Add(Fmp4Segment.Parse(bytes)); }
                catch (FormatException e) { throw new TranscodeException(TranscodeError.FfmpegFailed, $"ffmpeg wrote an unreadable fMP4 for packaging job {i}: {e.Message}", null, e); }
            }
            return result;
        }
        finally
        {
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}
