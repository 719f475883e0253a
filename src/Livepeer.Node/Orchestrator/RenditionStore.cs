namespace Livepeer.Node.Orchestrator;

/// <summary>Transcoded renditions kept in memory for the broadcaster to download, dropped after a retention period.</summary>
public sealed class RenditionStore(TimeSpan retention, TimeProvider time)
{
    private readonly Dictionary<string, (byte[] Data, string ContentType, DateTimeOffset Expires)> _items = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>Stores a rendition under a path and returns the path.</summary>
    public string Put(string path, byte[] data, string contentType)
    {
        lock (_lock)
        {
            Sweep();
            _items[path] = (data, contentType, time.GetUtcNow() + retention);
            return path;
        }
    }

    /// <summary>The rendition at a path, or null when unknown or expired.</summary>
    public (byte[] Data, string ContentType)? Get(string path)
    {
        lock (_lock)
        {
            return _items.TryGetValue(path, out var item) && item.Expires > time.GetUtcNow() ? (item.Data, item.ContentType) : null;
        }
    }

    /// <summary>Renditions held now.</summary>
    public int Count { get { lock (_lock) { Sweep(); return _items.Count; } } }

    private void Sweep()
    {
        var now = time.GetUtcNow();
        foreach (var key in _items.Where(e => e.Value.Expires <= now).Select(e => e.Key).ToList()) _items.Remove(key);
    }
}
