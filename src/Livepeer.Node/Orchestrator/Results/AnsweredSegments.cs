using Livepeer.Core;

namespace Livepeer.Node.Orchestrator.Results;

/// <summary>
/// The signed results this orchestrator gave, by segment key (manifest id, seq, profiles). ffmpeg output is not
/// bit-identical between runs, so transcoding a segment again would sign a second, different result: equivocation,
/// slashable by anyone. An honest orchestrator that gets the same segment again returns the result it already signed
/// (or refuses once the renditions are gone). Entries are small (hashes and URLs) and bounded in count and age.
/// </summary>
public sealed class AnsweredSegments(int capacity, TimeSpan retention, TimeProvider time)
{
    private readonly Dictionary<Hash, AnsweredSegment> _items = [];
    private readonly Queue<Hash> _order = new();
    private readonly Lock _lock = new();
    private readonly Dictionary<Hash, (SemaphoreSlim Gate, int Users)> _inFlight = [];

    /// <summary>The answer given for a segment key, or null.</summary>
    public AnsweredSegment? Find(Hash segmentKey)
    {
        lock (_lock)
        {
            return _items.TryGetValue(segmentKey, out var a) && a.Expires > time.GetUtcNow() ? a : null;
        }
    }

    /// <summary>Remembers an answer (replacing an older one for the same key).</summary>
    public void Remember(Hash segmentKey, AnsweredSegment answer)
    {
        lock (_lock)
        {
            if (!_items.ContainsKey(segmentKey)) _order.Enqueue(segmentKey);
            _items[segmentKey] = answer;
            var now = time.GetUtcNow();
            while (_order.Count > 0 && (_order.Count > capacity || _items[_order.Peek()].Expires <= now))
                _items.Remove(_order.Dequeue());
        }
    }

    /// <summary>
    /// Holds a segment key while it is looked up, transcoded and remembered, so two copies of one segment arriving
    /// together (a broadcaster's retry while the first is still transcoding) get one answer, not two signed results.
    /// </summary>
    public async Task<IDisposable> HoldAsync(Hash segmentKey, CancellationToken ct)
    {
        SemaphoreSlim gate;
        lock (_lock)
        {
            var entry = _inFlight.TryGetValue(segmentKey, out var e) ? e : (new SemaphoreSlim(1, 1), 0);
            _inFlight[segmentKey] = (entry.Item1, entry.Item2 + 1);
            gate = entry.Item1;
        }
        try { await gate.WaitAsync(ct); }
        catch
        {
            Leave(segmentKey, release: false);
            throw;
        }
        return new Holder(this, segmentKey);
    }

    private void Leave(Hash segmentKey, bool release)
    {
        lock (_lock)
        {
            var (gate, users) = _inFlight[segmentKey];
            if (release) gate.Release();
            if (users == 1)
            {
                _inFlight.Remove(segmentKey);
                gate.Dispose();
            }
            else _inFlight[segmentKey] = (gate, users - 1);
        }
    }

    private sealed class Holder(AnsweredSegments owner, Hash key) : IDisposable
    {
        private int _done;
        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0) owner.Leave(key, release: true);
        }
    }

    /// <summary>Time an answer is remembered.</summary>
    public TimeSpan Retention => retention;
}
