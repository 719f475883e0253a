using System.Collections.Concurrent;
using Livepeer.Media.Dash;
using Livepeer.Media.Fmp4;
using Livepeer.Media.Hls;
using Livepeer.Media.Ingest;
using Livepeer.Media.Pipeline;
using Livepeer.Media.Profiles;
using Livepeer.Media.Transcoding;

namespace Livepeer.Media.Http;

/// <summary>
/// HTTP push ingest (go-livepeer's PUT or POST /live/{stream}/{seq}.ts or .mp4): one <see cref="LivePipeline"/> per pushed
/// stream. An ended stream leaves the stores after <paramref name="endedRetention"/> (default 30 s).
/// </summary>
public sealed class PushIngest(IReadOnlyList<VideoProfile> profiles, ITranscoder transcoder, CmafPackager packager, HlsStreamStore hls, DashStreamStore dash,
    string ffprobe = "ffprobe", Action<PipelineResult>? ingested = null, string ffmpeg = "ffmpeg", TimeSpan? endedRetention = null, TimeProvider? time = null)
{
    // Told of every pushed segment once it is published (the host's counters).
    private readonly Action<PipelineResult>? _ingested = ingested;
    private readonly ConcurrentDictionary<string, LivePipeline> _pipelines = new(StringComparer.Ordinal);

    /// <summary>
    /// Authorizes the first push of a stream (name, sequence): refuses it (<see cref="PublishRefusedException"/>, HTTP 403),
    /// or names its playback id and ladder. Null: every push is accepted under its own name.
    /// </summary>
    public Func<string, long, CancellationToken, ValueTask<PublishAuthorization>>? Authorize { get; init; }

    /// <summary>The ladder of pushed streams that start from now on (a webhook's answer may name another).</summary>
    public IReadOnlyList<VideoProfile> Profiles { get => Volatile.Read(ref profiles); set => Volatile.Write(ref profiles, value); }

    /// <summary>The pushed streams running now.</summary>
    public IReadOnlyCollection<LivePipeline> Pipelines => _pipelines.Values.ToList();

    /// <summary>The HLS store pushed streams publish to.</summary>
    public HlsStreamStore Hls => hls;

    /// <summary>The DASH store pushed streams publish to.</summary>
    public DashStreamStore Dash => dash;

    /// <summary>
    /// Probes, publishes and transcodes one pushed segment (only its <paramref name="slice"/>, when one is asked for). The
    /// <paramref name="configuration"/> of a Livepeer-Transcode-Configuration header counts for the stream's first push
    /// only, as in go-livepeer: it names the stream's playback id and ladder, over the auth webhook's answer, and is
    /// refused when both name a ladder and the ladders differ.
    /// </summary>
    public async Task<PipelineResult> IngestAsync(string stream, long sequence, ReadOnlyMemory<byte> data, long? durationMs, CancellationToken cancellationToken,
        PushSlice? slice = null, PublishAuthorization? configuration = null)
    {
        var (name, ladder) = (stream, Profiles);
        if ((Authorize is not null || configuration is not null) && !_pipelines.ContainsKey(stream))
        {
            var answer = Authorize is { } authorize ? await authorize(stream, sequence, cancellationToken).ConfigureAwait(false) : PublishAuthorization.Allowed;
            if (answer.Refusal is { } refused) throw new PublishRefusedException(refused);
            if (configuration is not null)
            {
                if (answer.Profiles is { } hooked && !hooked.SequenceEqual(configuration.Profiles ?? Profiles))
                    throw new PublishRefusedException($"The {TranscodeConfiguration.Header} header names other profiles than the auth webhook's answer.");
                answer = configuration;
            }
            if (answer.StreamName is { } renamed)
                name = LiveIngest.ValidateStreamKey(renamed) is { } bad ? throw new PublishRefusedException($"The authorization named an unusable playback id: {bad}") : renamed;
            ladder = answer.Profiles ?? Profiles;
        }
        // Authorized before anything is read (a refused pusher costs no probe). Then the node's transcode queue admits the
        // push before anything is published (before it is even probed, when its Content-Duration is known): a refusal
        // (503) changes nothing and costs nothing. Probed before a stream starts (a corrupt push starts none).
        var queue = transcoder as TranscodeQueue;
        using var early = queue is not null && durationMs is { } ms ? queue.Reserve(TimeSpan.FromMilliseconds(ms)) : null;
        if (slice is { } kept)
        {
            data = await SliceAsync(data, kept, cancellationToken).ConfigureAwait(false);
            durationMs = null; // the kept part is shorter than the header said: probed
        }
        var segment = await SegmentFromTs.CreateAsync(stream, sequence, data, durationMs, ffprobe, null, cancellationToken).ConfigureAwait(false);
        using var place = early is null && queue is not null && segment.Tracks.VideoCodec is not null ? queue.Reserve(TimeSpan.FromMilliseconds(segment.DurationMs)) : null;
        var pipeline = _pipelines.GetOrAdd(stream, _ =>
        {
            // A stream name that was ended earlier starts afresh rather than appending to a finished playlist.
            if (hls.TryGet(name, out var old) && old.Ended)
            {
                hls.Remove(name);
                dash.Remove(name);
            }
            return new LivePipeline(name, ladder, transcoder, packager, hls, dash);
        });
        if (pipeline.StreamName != stream) segment = segment with { StreamName = pipeline.StreamName };
        var result = await pipeline.AddSegmentAsync(segment, cancellationToken).ConfigureAwait(false);
        _ingested?.Invoke(result);
        return result;
    }

    /// <summary>
    /// go-livepeer also takes MP4 segments (…/{seq}.mp4): remuxed to MPEG-TS (streams copied, timestamps kept) and ingested
    /// like a .ts push.
    /// </summary>
    public async Task<PipelineResult> IngestMp4Async(string stream, long sequence, ReadOnlyMemory<byte> data, long? durationMs, CancellationToken cancellationToken,
        PushSlice? slice = null, PublishAuthorization? configuration = null)
    {
        var dir = Directory.CreateTempSubdirectory("push-mp4-").FullName;
        try
        {
            var input = Path.Combine(dir, "in.mp4");
            var output = Path.Combine(dir, "out.ts");
            await File.WriteAllBytesAsync(input, data.ToArray(), cancellationToken).ConfigureAwait(false);
            var run = await ProcessRun.RunAsync(ffmpeg, ["-hide_banner", "-nostdin", "-v", "error", "-i", input, "-map", "0", "-c", "copy", "-copyts", "-f", "mpegts", output],
                TimeSpan.FromSeconds(10), cancellationToken).ConfigureAwait(false);
            if (run.ExitCode != 0 || !File.Exists(output))
                throw new TranscodeException(TranscodeError.CorruptInput, "The pushed .mp4 segment could not be read as MP4.", run.StderrTail(5));
            return await IngestAsync(stream, sequence, await File.ReadAllBytesAsync(output, cancellationToken).ConfigureAwait(false), durationMs, cancellationToken, slice, configuration).ConfigureAwait(false);
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    /// <summary>
    /// Keeps only the slice of an MPEG-TS segment: re-encoded (H.264 ultrafast, AAC) so the cut is frame-accurate, as go's
    /// transcoder cuts; timestamps count from the segment's first one.
    /// </summary>
    private async Task<byte[]> SliceAsync(ReadOnlyMemory<byte> data, PushSlice slice, CancellationToken cancellationToken)
    {
        var dir = Directory.CreateTempSubdirectory("push-slice-").FullName;
        try
        {
            var input = Path.Combine(dir, "in.ts");
            var output = Path.Combine(dir, "out.ts");
            await File.WriteAllBytesAsync(input, data.ToArray(), cancellationToken).ConfigureAwait(false);
            var run = await ProcessRun.RunAsync(ffmpeg, ["-hide_banner", "-nostdin", "-v", "error", "-copyts", "-start_at_zero", "-i", input, .. slice.FfmpegOutputOptions(),
                "-map", "0:v?", "-map", "0:a?", "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac", "-f", "mpegts", output], TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);
            var sliced = File.Exists(output) ? await File.ReadAllBytesAsync(output, cancellationToken).ConfigureAwait(false) : [];
            if (run.ExitCode != 0 || sliced.Length == 0)
                throw new TranscodeException(TranscodeError.CorruptInput, $"The slice {slice.FromMs}..{slice.ToMs} ms of the pushed segment could not be cut.", run.StderrTail(5));
            return sliced;
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    /// <summary>Ends a pushed stream (ENDLIST, static MPD).</summary>
    public bool End(string stream)
    {
        if (!_pipelines.TryRemove(stream, out var p)) return false;
        p.End();
        _ = p.RetireAfterAsync(endedRetention ?? TimeSpan.FromSeconds(30), time ?? TimeProvider.System);
        return true;
    }
}
