using System.Diagnostics;
using Livepeer.Media.Codecs;
using Livepeer.Media.Profiles;
using Livepeer.Media.Segmenting;

namespace Livepeer.Media.Transcoding;

/// <summary>
/// Transcodes segments with one ffmpeg process per segment: one decode, N encodes. Checks the input with ffprobe first so
/// bad segments fail with a typed error, checks once that ffmpeg has every encoder, and kills the process tree on timeout.
/// </summary>
public sealed class FfmpegTranscoder : ITranscoder
{
    private readonly FfmpegTranscoderOptions _options;
    private readonly TimeProvider _time;
    private FfmpegEncoders? _encoders;
    private readonly SemaphoreSlim _encodersLock = new(1, 1);

    /// <summary>Creates a transcoder; pass <paramref name="encoders"/> to skip querying ffmpeg (tests, or a known build).</summary>
    public FfmpegTranscoder(FfmpegTranscoderOptions? options = null, FfmpegEncoders? encoders = null, TimeProvider? time = null)
    {
        _options = options ?? new FfmpegTranscoderOptions();
        _options.Validate();
        _encoders = encoders;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>The encoders ffmpeg offers (queried on first use, then cached).</summary>
    public async Task<FfmpegEncoders> GetEncodersAsync(CancellationToken cancellationToken = default)
    {
        if (_encoders is { } e) return e;
        await _encodersLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return _encoders ??= await FfmpegEncoders.QueryAsync(_options.FfmpegPath, cancellationToken).ConfigureAwait(false);
        }
        finally { _encodersLock.Release(); }
    }

    /// <summary>The time limit for a segment of the given duration.</summary>
    public TimeSpan TimeoutFor(MediaSegment segment) => _options.Timeout ?? TimeSpan.FromTicks(Math.Max(
        _options.MinTimeout.Ticks, (long)(TimeSpan.FromMilliseconds(segment.DurationMs).Ticks * _options.TimeoutPerContentSecond)));

    /// <inheritdoc />
    public async Task<TranscodeResult> TranscodeAsync(MediaSegment segment, IReadOnlyList<VideoProfile> profiles, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(segment);
        ArgumentNullException.ThrowIfNull(profiles);
        VideoProfileParser.Validate(profiles);
        if (segment.Data.Length == 0)
            throw new TranscodeException(TranscodeError.NoFrames, $"Segment {segment.StreamName}/{segment.Sequence} is empty (0 bytes).");
        var started = _time.GetTimestamp();
        var encoders = await GetEncodersAsync(cancellationToken).ConfigureAwait(false);
        encoders.EnsureAvailable(profiles, _options.FfmpegPath);

        var timeout = TimeoutFor(segment);
        var deadline = Stopwatch.StartNew();
        var dir = Path.Combine(_options.TempDirectory, "livepeer-tc-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            var input = Path.Combine(dir, "in.ts");
            await File.WriteAllBytesAsync(input, segment.Data, cancellationToken).ConfigureAwait(false);
            // The TS scan catches bad segments in microseconds; ffprobe is only needed for the source frame rate, which a
            // profile needs only when it keeps the source rate (fps 0).
            var (videoCodec, audioCodec) = TsScan.Check(segment.Data.Span);
            var probe = profiles.Any(p => p.FpsNum == 0)
                ? await SegmentProbe.RunAsync(_options.FfprobePath, input, timeout, cancellationToken).ConfigureAwait(false)
                : new SegmentProbe(videoCodec, segment.Tracks.Width, segment.Tracks.Height, 0, 1, audioCodec is not null, audioCodec);

            var (outputs, signatures) = OutputPaths(dir, profiles, _options.ComputeSignatures);
            var args = FfmpegCommand.Build(input, probe, profiles, outputs, signatures, segment.ServiceProvider);
            var remaining = timeout - deadline.Elapsed;
            if (remaining <= TimeSpan.Zero) remaining = TimeSpan.FromMilliseconds(1);
            var run = await ProcessRun.RunAsync(_options.FfmpegPath, args, remaining, cancellationToken).ConfigureAwait(false);
            if (run.ExitCode != 0)
                throw Classify(run);
            var renditions = await CollectAsync(run, profiles, outputs, signatures, cancellationToken).ConfigureAwait(false);
            return new TranscodeResult(segment, renditions, _time.GetElapsedTime(started));
        }
        finally
        {
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    /// <summary>The output (and signature) file of each profile inside <paramref name="dir"/>.</summary>
    internal static (List<string> Outputs, List<string?> Signatures) OutputPaths(string dir, IReadOnlyList<VideoProfile> profiles, bool computeSignatures)
    {
        var outputs = new List<string>();
        var signatures = new List<string?>();
        for (int i = 0; i < profiles.Count; i++)
        {
            var ext = ContainerTable.Of(FfmpegCommand.ContainerFor(profiles[i].Codec)).Extension;
            outputs.Add(Path.Combine(dir, $"out{i}.{ext}"));
            signatures.Add(computeSignatures ? Path.Combine(dir, $"sig{i}.bin") : null);
        }
        return (outputs, signatures);
    }

    /// <summary>Reads back what a successful ffmpeg run wrote: one rendition per profile, frames counted from its log.</summary>
    internal static async Task<List<RenditionSegment>> CollectAsync(ProcessRun run, IReadOnlyList<VideoProfile> profiles,
        IReadOnlyList<string> outputs, IReadOnlyList<string?> signatures, CancellationToken cancellationToken)
    {
        var frames = FfmpegStats.VideoFramesPerOutput(run.StandardError);
        var renditions = new List<RenditionSegment>(profiles.Count);
        for (int i = 0; i < profiles.Count; i++)
        {
            var p = profiles[i];
            if (!File.Exists(outputs[i]))
                throw new TranscodeException(TranscodeError.FfmpegFailed, $"ffmpeg exited cleanly but wrote no output for rendition \"{p.Name}\".", run.StderrTail());
            long n = frames.TryGetValue(i, out var f) ? f : 0;
            if (n == 0)
                throw new TranscodeException(TranscodeError.NoFrames, $"Rendition \"{p.Name}\" came out with zero frames; the segment has no decodable video.", run.StderrTail());
            var data = await File.ReadAllBytesAsync(outputs[i], cancellationToken).ConfigureAwait(false);
            byte[]? sig = signatures[i] is { } sp && File.Exists(sp) ? await File.ReadAllBytesAsync(sp, cancellationToken).ConfigureAwait(false) : null;
            renditions.Add(new RenditionSegment(p, data, FfmpegCommand.ContainerFor(p.Codec), n, n * p.Width * p.Height, sig));
        }
        return renditions;
    }

    internal static TranscodeException Classify(ProcessRun run)
    {
        var err = run.StandardError;
        var tail = run.StderrTail();
        if (err.Contains("Invalid data found when processing input", StringComparison.Ordinal))
            return new TranscodeException(TranscodeError.CorruptInput, "ffmpeg could not read the segment (invalid data).", tail);
        if (err.Contains("Unknown encoder", StringComparison.Ordinal) || err.Contains("Encoder not found", StringComparison.Ordinal))
            return new TranscodeException(TranscodeError.EncoderMissing, "ffmpeg lacks a requested encoder.", tail);
        if (err.Contains("Decoder (codec", StringComparison.Ordinal) && err.Contains("not found", StringComparison.Ordinal))
            return new TranscodeException(TranscodeError.UnsupportedCodec, "ffmpeg cannot decode the segment's codec.", tail);
        if (err.Contains("does not contain any stream", StringComparison.Ordinal) || err.Contains("matches no streams", StringComparison.Ordinal))
            return new TranscodeException(TranscodeError.NoFrames, "The segment has no stream to transcode.", tail);
        return new TranscodeException(TranscodeError.FfmpegFailed, $"ffmpeg failed with exit code {run.ExitCode}.", tail);
    }
}
