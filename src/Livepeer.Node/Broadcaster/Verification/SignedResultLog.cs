using Livepeer.Core;
using Livepeer.Protocol.Slashing;

namespace Livepeer.Node.Broadcaster.Verification;

/// <summary>
/// The signed results received, by segment key (orchestrator, stream, seq, profiles), bounded by count. Recording a
/// second, different result for the same source returns the first one: together they are equivocation evidence.
/// </summary>
public sealed class SignedResultLog(int capacity)
{
    private readonly Dictionary<Hash, SignedResult> _results = [];
    private readonly Queue<Hash> _order = new();
    private readonly Lock _lock = new();

    /// <summary>Records a result; returns the earlier different result signed for the same segment and source, or null.</summary>
    public SignedResult? Record(Hash segmentKey, SignedResult result)
    {
        lock (_lock)
        {
            if (_results.TryGetValue(segmentKey, out var earlier))
                return earlier.SourceHash == result.SourceHash && earlier.ResultHash != result.ResultHash ? earlier : null;
            _results[segmentKey] = result;
            _order.Enqueue(segmentKey);
            while (_order.Count > capacity) _results.Remove(_order.Dequeue());
            return null;
        }
    }
}
