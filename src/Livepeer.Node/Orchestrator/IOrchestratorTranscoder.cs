using Proto = Livepeer.Wire.Messages;

namespace Livepeer.Node.Orchestrator;

/// <summary>A segment to transcode: which stream, which segment, the bytes, its duration and the profiles wanted.</summary>
public sealed record SegmentJob(string ManifestId, long Seq, byte[] Data, TimeSpan Duration, IReadOnlyList<Proto.VideoProfile> Profiles)
{
    /// <summary>The broadcaster session's auth token (remote transcoders get it in NotifySegment, as go-livepeer's do).</summary>
    public Proto.AuthToken? AuthToken { get; init; }
    /// <summary>The capabilities the job needs (as the broadcaster sent them), or null.</summary>
    public Proto.Capabilities? Capabilities { get; init; }
    /// <summary>go-livepeer's calc_perceptual_hash: an MPEG-7 video signature of each rendition is wanted too.</summary>
    public bool CalcPerceptualHash { get; init; }
    /// <summary>go-livepeer's NotifySegment.orchId (the orchestrator's checksummed address, or "offchain"): stamped into the renditions' metadata.</summary>
    public string? OrchId { get; init; }
}

/// <summary>One output rendition: its profile name, bytes, output pixels (what the fee is charged on) and media type.</summary>
public sealed record TranscodedRendition(string ProfileName, byte[] Data, long Pixels, string ContentType)
{
    /// <summary>Its MPEG-7 video signature (ffmpeg's binary format, what go-livepeer calls the perceptual hash), when asked for.</summary>
    public byte[]? PerceptualHash { get; init; }
}

/// <summary>The orchestrator's transcoder: runs its jobs on this machine or on remote transcoders (not the pipeline's ITranscoder).</summary>
public interface IOrchestratorTranscoder
{
    /// <summary>Transcodes into every profile, in order; throws on failure with a message for the broadcaster.</summary>
    Task<IReadOnlyList<TranscodedRendition>> TranscodeAsync(SegmentJob job, CancellationToken ct);

    /// <summary>A broadcaster session ended: free what is held for it (go-livepeer tears it down on the transcoders that worked for it).</summary>
    void EndSession(string sessionId)
    {
        // Most transcoders hold nothing per session.
    }
}
