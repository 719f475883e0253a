using Livepeer.Media.Segmenting;

namespace Livepeer.Media.Ingest;

/// <summary>
/// Receives what <see cref="LiveIngest"/> produces. Calls for one stream are sequential and awaited, so a slow sink slows
/// that publisher (TCP back-pressure) rather than buffering without bound; calls for different streams may run concurrently.
/// </summary>
public interface IMediaSegmentSink
{
    /// <summary>A publisher started a stream.</summary>
    ValueTask StreamStartedAsync(LiveStreamInfo stream, CancellationToken cancellationToken);

    /// <summary>A segment is complete.</summary>
    ValueTask SegmentReadyAsync(MediaSegment segment, CancellationToken cancellationToken);

    /// <summary>The stream ended (after its last segment); <paramref name="error"/> is null for a clean unpublish.</summary>
    ValueTask StreamEndedAsync(LiveStreamInfo stream, Exception? error, CancellationToken cancellationToken);
}
