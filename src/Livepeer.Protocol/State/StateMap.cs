namespace Livepeer.Protocol.State;

/// <summary>
/// A journaled key-value table of the protocol state. Default values are not stored (a zero balance is the same
/// as no entry), so two states with the same meaning serialize to the same bytes.
/// </summary>
public sealed class StateMap<TKey, TValue> where TKey : notnull
{
    private readonly Dictionary<TKey, TValue> _items = new();
    private readonly Journal _journal;
    private readonly IComparer<TKey> _order;
    private readonly Func<TValue, bool> _isDefault;

    internal StateMap(Journal journal, IComparer<TKey> order, Func<TValue, bool> isDefault)
    {
        _journal = journal;
        _order = order;
        _isDefault = isDefault;
    }

    /// <summary>Told of every key written (the engine uses it to checkpoint changed delegators).</summary>
    internal Action<TKey>? OnWrite { get; set; }

    /// <summary>Number of stored (non-default) entries.</summary>
    public int Count => _items.Count;

    /// <summary>The stored value, or <c>default</c> when absent.</summary>
    public TValue? Get(TKey key) => _items.TryGetValue(key, out var v) ? v : default;

    /// <summary>The stored value when present.</summary>
    public bool TryGet(TKey key, out TValue value) => _items.TryGetValue(key, out value!);

    /// <summary>True when an entry is stored.</summary>
    public bool Contains(TKey key) => _items.ContainsKey(key);

    /// <summary>Stores a value (removes the entry when the value is the default).</summary>
    internal void Set(TKey key, TValue value)
    {
        OnWrite?.Invoke(key);
        if (_isDefault(value))
        {
            Remove(key);
            return;
        }
        if (_journal.IsRecording)
        {
            if (_items.TryGetValue(key, out var old)) _journal.Record(() => _items[key] = old);
            else _journal.Record(() => _items.Remove(key));
        }
        _items[key] = value;
    }

    /// <summary>Removes an entry.</summary>
    internal void Remove(TKey key)
    {
        if (!_items.Remove(key, out var old)) return;
        _journal.Record(() => _items[key] = old);
    }

    /// <summary>Entries in canonical key order (for serialization and listing).</summary>
    public IEnumerable<KeyValuePair<TKey, TValue>> Sorted() => _items.OrderBy(p => p.Key, _order);

    /// <summary>Entries in no particular order (for sums and checks).</summary>
    public IEnumerable<KeyValuePair<TKey, TValue>> Unordered() => _items;

    internal void LoadRaw(TKey key, TValue value) => _items[key] = value;
}
