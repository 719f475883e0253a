using System.Collections.Concurrent;
using Livepeer.Media.Pipeline;

namespace Livepeer.Node.Broadcaster;

/// <summary>
/// What became of every segment of every stream: published with renditions, or source only for a <see cref="SourceOnlyReason"/>.
/// Counts per stream for /api/status and, when given metrics, the broadcaster's source-only counter by reason.
/// </summary>
public sealed class StreamOutcomes(BroadcasterMetrics? metrics = null)
{
    private readonly ConcurrentDictionary<string, Counts> _streams = new(StringComparer.Ordinal);

    /// <summary>One stream's tallies.</summary>
    public sealed class Counts
    {
        private long _transcoded;
        private readonly ConcurrentDictionary<SourceOnlyReason, long> _sourceOnly = new();

        /// <summary>Segments whose renditions were published.</summary>
        public long Transcoded => Interlocked.Read(ref _transcoded);
        /// <summary>Segments published as source only, by reason.</summary>
        public IReadOnlyDictionary<SourceOnlyReason, long> SourceOnly => _sourceOnly;
        /// <summary>Every segment accounted for.</summary>
        public long Total => Transcoded + _sourceOnly.Values.Sum();

        internal void Add(SourceOnlyReason? reason)
        {
            if (reason is { } r) _sourceOnly.AddOrUpdate(r, 1, (_, n) => n + 1);
            else Interlocked.Increment(ref _transcoded);
        }
    }

    /// <summary>Records a pipeline result; returns why it is source only, or null when transcoded.</summary>
    public SourceOnlyReason? Record(PipelineResult result)
    {
        var reason = SourceOnlyReasons.Of(result);
        _streams.GetOrAdd(result.Segment.StreamName, _ => new Counts()).Add(reason);
        if (reason is { } r) metrics?.SegmentsSourceOnly.WithLabels(SourceOnlyReasons.Label(r)).Inc();
        return reason;
    }

    /// <summary>A stream's tallies (empty for a stream never seen).</summary>
    public Counts For(string stream) => _streams.TryGetValue(stream, out var c) ? c : new Counts();

    /// <summary>Forgets a stream.</summary>
    public void Forget(string stream) => _streams.TryRemove(stream, out _);
}
