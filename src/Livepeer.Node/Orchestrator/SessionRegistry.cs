namespace Livepeer.Node.Orchestrator;

/// <summary>Transcoding sessions (one per broadcaster stream) against the orchestrator's capacity, closed when idle.</summary>
public sealed class SessionRegistry(int capacity, TimeSpan idleTimeout, TimeProvider time)
{
    private readonly Dictionary<string, DateTimeOffset> _lastUsed = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>Told of each session that closes or expires (go-livepeer's orchestrator then tears it down on its transcoders).</summary>
    public event Action<string>? Ended;

    /// <summary>Open sessions now.</summary>
    public int Count { get { lock (_lock) { Expire(); return _lastUsed.Count; } } }

    /// <summary>Most sessions at once.</summary>
    public int Capacity => capacity;

    /// <summary>True when a new session would fit.</summary>
    public bool HasRoom { get { lock (_lock) { Expire(); return _lastUsed.Count < capacity; } } }

    /// <summary>Opens (or refreshes) a session; false when at capacity.</summary>
    public bool TryOpen(string sessionId)
    {
        lock (_lock)
        {
            Expire();
            if (!_lastUsed.ContainsKey(sessionId) && _lastUsed.Count >= capacity) return false;
            _lastUsed[sessionId] = time.GetUtcNow();
            return true;
        }
    }

    /// <summary>Closes a session and frees its slot.</summary>
    public void Close(string sessionId)
    {
        lock (_lock)
            if (_lastUsed.Remove(sessionId)) Ended?.Invoke(sessionId);
    }

    private void Expire()
    {
        var cutoff = time.GetUtcNow() - idleTimeout;
        foreach (var id in _lastUsed.Where(e => e.Value < cutoff).Select(e => e.Key).ToList())
        {
            _lastUsed.Remove(id);
            Ended?.Invoke(id);
        }
    }
}
