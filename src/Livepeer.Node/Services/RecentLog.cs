namespace Livepeer.Node.Services;

/// <summary>
/// The most recent entries of a log kept in memory for status pages (verification findings, verifier decisions),
/// bounded by count and by age, so a long-running node under attack never grows it without end.
/// </summary>
public sealed class RecentLog<T>
{
    private readonly Queue<(T Item, DateTimeOffset At)> _items = new();
    private readonly Lock _lock = new();
    private readonly int _capacity;
    private readonly TimeSpan _retention;
    private readonly TimeProvider _time;
    private long _dropped;

    /// <summary>Keeps at most <paramref name="capacity"/> entries, none older than <paramref name="retention"/>.</summary>
    public RecentLog(int capacity, TimeSpan retention, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(retention, TimeSpan.Zero);
        (_capacity, _retention, _time) = (capacity, retention, time);
    }

    /// <summary>Entries dropped so far for count or age.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Adds an entry, dropping the oldest beyond the bounds.</summary>
    public void Add(T item)
    {
        lock (_lock)
        {
            _items.Enqueue((item, _time.GetUtcNow()));
            Trim();
        }
    }

    /// <summary>The entries kept, oldest first.</summary>
    public IReadOnlyList<T> Items
    {
        get
        {
            lock (_lock)
            {
                Trim();
                return _items.Select(e => e.Item).ToList();
            }
        }
    }

    private void Trim()
    {
        var cutoff = _time.GetUtcNow() - _retention;
        while (_items.Count > _capacity || (_items.Count > 0 && _items.Peek().At < cutoff))
        {
            _items.Dequeue();
            _dropped++;
        }
    }
}
