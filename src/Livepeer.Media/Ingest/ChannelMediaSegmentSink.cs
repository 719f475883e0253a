using System.Threading.Channels;
using Livepeer.Media.Segmenting;

namespace Livepeer.Media.Ingest;

/// <summary>An <see cref="IMediaSegmentSink"/> that queues every event on a channel for a consumer to read.</summary>
public sealed class ChannelMediaSegmentSink : IMediaSegmentSink
{
    private readonly Channel<IngestEvent> _channel;

    /// <summary>Creates the sink; a bounded capacity makes publishers wait for the reader.</summary>
    public ChannelMediaSegmentSink(int? capacity = null)
    {
        _channel = capacity is { } c
            ? Channel.CreateBounded<IngestEvent>(new BoundedChannelOptions(c) { FullMode = BoundedChannelFullMode.Wait })
            : Channel.CreateUnbounded<IngestEvent>();
    }

    /// <summary>The events, in the order each stream produced them.</summary>
    public ChannelReader<IngestEvent> Events => _channel.Reader;

    /// <summary>Ends the event stream (after the server has stopped) so readers finish.</summary>
    public void Complete() => _channel.Writer.TryComplete();

    /// <inheritdoc/>
    public ValueTask StreamStartedAsync(LiveStreamInfo stream, CancellationToken cancellationToken) =>
        _channel.Writer.WriteAsync(new IngestEvent.Started(stream), cancellationToken);

    /// <inheritdoc/>
    public ValueTask SegmentReadyAsync(MediaSegment segment, CancellationToken cancellationToken) =>
        _channel.Writer.WriteAsync(new IngestEvent.Segment(segment), cancellationToken);

    /// <inheritdoc/>
    public ValueTask StreamEndedAsync(LiveStreamInfo stream, Exception? error, CancellationToken cancellationToken) =>
        _channel.Writer.WriteAsync(new IngestEvent.Ended(stream, error), cancellationToken);
}
