using Livepeer.Media.Rtmp;
using Livepeer.Media.Segmenting;

namespace Livepeer.Media.Ingest;

/// <summary>Settings for <see cref="LiveIngest"/>.</summary>
public sealed class LiveIngestOptions
{
    /// <summary>How streams are cut.</summary>
    public SegmenterOptions Segmenter { get; init; } = new();

    /// <summary>
    /// Hook deciding whether a publisher may publish (after the built-in checks: key syntax, not already live). Return
    /// null to accept, or a reason to refuse (sent as NetStream.Publish.BadName). Default: accept everyone.
    /// </summary>
    public Func<RtmpPublishRequest, CancellationToken, ValueTask<string?>>? AuthorizePublish { get; init; }

    /// <summary>
    /// Hook authorizing a publisher (after <see cref="AuthorizePublish"/>): refuse, or allow under another stream name (the
    /// public playback id of a secret key) with its own ladder. Default: none.
    /// </summary>
    public Func<RtmpPublishRequest, CancellationToken, ValueTask<PublishAuthorization>>? Authorize { get; init; }

    /// <summary>Applications accepted (e.g. "live"); empty accepts any. Default: any.</summary>
    public IReadOnlyCollection<string> Apps { get; init; } = [];
}
