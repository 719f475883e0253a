using Livepeer.Media.Pipeline;
using Livepeer.Media.Transcoding;

namespace Livepeer.Node.Broadcaster;

/// <summary>Why a segment plays source only (its renditions were not published), as the metric's reason label.</summary>
public enum SourceOnlyReason
{
    /// <summary>Earlier segments of the stream were still waiting for their renditions: skipped to keep live latency bounded.</summary>
    Late,
    /// <summary>The orchestrator did not answer within the request timeout.</summary>
    Timeout,
    /// <summary>Every orchestrator tried refused the stream (at capacity, incompatible, price or ticket limits).</summary>
    Refused,
    /// <summary>The transcode or its result failed (transcode error, bad signature or result, payment, verification, publishing).</summary>
    Failed,
    /// <summary>No orchestrator was available to try.</summary>
    NoOrchestrator,
    /// <summary>The segment has no video to transcode.</summary>
    AudioOnly,
}

/// <summary>Classifies a pipeline result's failure into a <see cref="SourceOnlyReason"/>.</summary>
public static class SourceOnlyReasons
{
    /// <summary>The metric label of a reason.</summary>
    public static string Label(SourceOnlyReason reason) => reason switch
    {
        SourceOnlyReason.Late => "late",
        SourceOnlyReason.Timeout => "timeout",
        SourceOnlyReason.Refused => "refused",
        SourceOnlyReason.Failed => "failed",
        SourceOnlyReason.NoOrchestrator => "no-orchestrator",
        SourceOnlyReason.AudioOnly => "audio-only",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, "unknown reason"),
    };

    /// <summary>Why <paramref name="result"/> left the segment source only, or null when its renditions were published.</summary>
    public static SourceOnlyReason? Of(PipelineResult result) => result switch
    {
        { Error: null } => null,
        { Transcoded: not null } => SourceOnlyReason.Failed, // transcoded, but a rendition could not be published
        { Error: PipelineOverloadedException or TranscodeQueueFullException } => SourceOnlyReason.Late,
        { Segment.Tracks.VideoCodec: null } => SourceOnlyReason.AudioOnly,
        { Error: TranscodeException { InnerException: OrchestratorCallException call } } => OfCall(call.Kind),
        { Error: TranscodeException { Error: TranscodeError.Unavailable, InnerException: null } } => SourceOnlyReason.NoOrchestrator,
        { Error: TranscodeException { Error: TranscodeError.Timeout } } => SourceOnlyReason.Timeout,
        _ => SourceOnlyReason.Failed,
    };

    /// <summary>The reason for an orchestrator call's failure.</summary>
    public static SourceOnlyReason OfCall(OrchestratorFailure failure) => failure switch
    {
        OrchestratorFailure.Timeout => SourceOnlyReason.Timeout,
        OrchestratorFailure.AtCapacity or OrchestratorFailure.Incompatible or OrchestratorFailure.Price or OrchestratorFailure.TicketParams
            or OrchestratorFailure.Refused => SourceOnlyReason.Refused,
        OrchestratorFailure.Unreachable or OrchestratorFailure.Malformed or OrchestratorFailure.Payment or OrchestratorFailure.ExpiredParams
            or OrchestratorFailure.TranscodeError or OrchestratorFailure.BadResult or OrchestratorFailure.FailedVerification
            or OrchestratorFailure.BadSignature => SourceOnlyReason.Failed,
        _ => throw new ArgumentOutOfRangeException(nameof(failure), failure, "orchestrator failure without a source-only reason"),
    };
}
