using System.Collections.Concurrent;
using Livepeer.Media.MpegTs;
using Livepeer.Media.Transcoding;
using Livepeer.Node.Orchestrator;

namespace Livepeer.Node.Transcoding;

/// <summary>
/// Transcodes on this machine with the media server's ffmpeg transcoder (one decode, one encode per profile); jobs that
/// ask for perceptual hashes go to <paramref name="withSignatures"/> (a transcoder that also computes MPEG-7 signatures).
/// Segments are keyed by the job's manifest id, so a <see cref="PersistentTranscoder"/> keeps one session per stream and ladder.
/// </summary>
public sealed class LocalSegmentTranscoder(ITranscoder transcoder, ITranscoder? withSignatures = null) : IOrchestratorTranscoder, IDisposable
{
    /// <summary>
    /// The usual pair: persistent ffmpeg sessions, and persistent sessions computing MPEG-7 signatures for go-livepeer's
    /// calc_perceptual_hash (always pre-start: signatures are per segment). Sessions end on their own after the idle timeout, so
    /// callers that never dispose leak nothing.
    /// </summary>
    public static LocalSegmentTranscoder Ffmpeg(TranscodeSessionMode mode = TranscodeSessionMode.PreStart) =>
        new(new PersistentTranscoder(new PersistentTranscoderOptions { Mode = mode }),
        new PersistentTranscoder(new PersistentTranscoderOptions { Ffmpeg = new FfmpegTranscoderOptions { ComputeSignatures = true } }));

    /// <summary>The transcoder used for jobs without perceptual hashes.</summary>
    public ITranscoder Transcoder => transcoder;

    // Broadcaster session id -> the streams it sent, so a session's end (which names only the session) ends their sessions.
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, byte>> _streamsBySession = new(StringComparer.Ordinal);
    private const int MaxTrackedSessions = 10_000;

    /// <inheritdoc />
    public async Task<IReadOnlyList<TranscodedRendition>> TranscodeAsync(SegmentJob job, CancellationToken ct)
    {
        if (job.AuthToken is { SessionId.Length: > 0 } token)
        {
            // Sessions whose end never arrives are bounded here; their transcode sessions still end on the idle timeout.
            if (_streamsBySession.Count >= MaxTrackedSessions) _streamsBySession.Clear();
            _streamsBySession.GetOrAdd(token.SessionId, _ => new(StringComparer.Ordinal)).TryAdd(job.ManifestId, 0);
        }
        var segment = TsSegmentInfo.ToMediaSegment(job.ManifestId, job.Seq, job.Data) with { ServiceProvider = ServiceProvider(job.OrchId) };
        var result = await (job.CalcPerceptualHash && withSignatures is not null ? withSignatures : transcoder)
            .TranscodeAsync(segment, job.Profiles.Select(ProfileWire.FromProto).ToList(), ct);
        return result.Renditions.Select(r => new TranscodedRendition(r.Profile.Name, r.Data, r.Pixels, r.ContentType) { PerceptualHash = r.Signature }).ToList();
    }

    /// <summary>
    /// What go-livepeer stamps into every rendition (MPEG-TS service_provider, MP4 comment) so a video can be traced to the
    /// network and the orchestrator that had it transcoded: this transcoder's version and the orchestrator's id.
    /// </summary>
    public static string? ServiceProvider(string? orchId) =>
        orchId is null ? null : $"Livepeer Transcoder {NodeCapabilities.Version} ({orchId})";

    /// <summary>Ends the stream's transcode sessions (their waiting processes are killed); a no-op for per-segment transcoders.</summary>
    public void EndStream(string manifestId)
    {
        (transcoder as PersistentTranscoder)?.EndStream(manifestId);
        (withSignatures as PersistentTranscoder)?.EndStream(manifestId);
    }

    /// <summary>A broadcaster session ended: ends the transcode sessions of the streams it sent.</summary>
    public void EndSession(string sessionId)
    {
        if (!_streamsBySession.TryRemove(sessionId, out var streams)) return;
        foreach (var stream in streams.Keys) EndStream(stream);
    }

    /// <summary>Ends all sessions of persistent transcoders it holds.</summary>
    public void Dispose()
    {
        (transcoder as IDisposable)?.Dispose();
        (withSignatures as IDisposable)?.Dispose();
    }
}
