using Livepeer.Media.Segmenting;

namespace Livepeer.Media.Ingest;

/// <summary>One event from <see cref="ChannelMediaSegmentSink"/>.</summary>
public abstract record IngestEvent(string StreamName)
{
    /// <summary>A stream started.</summary>
    public sealed record Started(LiveStreamInfo Stream) : IngestEvent(Stream.StreamName);

    /// <summary>A segment is ready.</summary>
    public sealed record Segment(MediaSegment Value) : IngestEvent(Value.StreamName);

    /// <summary>A stream ended (write ENDLIST).</summary>
    public sealed record Ended(LiveStreamInfo Stream, Exception? Error) : IngestEvent(Stream.StreamName);
}
