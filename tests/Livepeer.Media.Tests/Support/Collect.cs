using Livepeer.Media.Ingest;
using Livepeer.Media.Segmenting;

namespace Livepeer.Media.Tests.Support;

/// <summary>Reads a sink's events until a stream ends.</summary>
public static class Collect
{
    public static async Task<(List<MediaSegment> Segments, IngestEvent.Ended Ended)> UntilEndedAsync(ChannelMediaSegmentSink sink, string stream, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        var segments = new List<MediaSegment>();
        await foreach (var e in sink.Events.ReadAllAsync(cts.Token))
        {
            if (e.StreamName != stream) continue;
            if (e is IngestEvent.Segment s) segments.Add(s.Value);
            if (e is IngestEvent.Ended ended) return (segments, ended);
        }
        throw new InvalidOperationException("Sink completed without an end event.");
    }
}
