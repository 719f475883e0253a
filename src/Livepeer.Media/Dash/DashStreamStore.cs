using System.Collections.Concurrent;

namespace Livepeer.Media.Dash;

/// <summary>The DASH streams being served, keyed by stream name. Thread-safe.</summary>
public sealed class DashStreamStore(DashOptions? options = null, TimeProvider? time = null)
{
    private readonly ConcurrentDictionary<string, DashStream> _streams = new(StringComparer.Ordinal);
    private readonly DashOptions _options = Validated(options ?? new DashOptions());
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    private static DashOptions Validated(DashOptions o) { o.Validate(); return o; }

    /// <summary>The stream with this name, created if absent.</summary>
    public DashStream GetOrCreate(string name) => _streams.GetOrAdd(name, n => new DashStream(n, _options, _time));

    /// <summary>A fresh stream under <paramref name="name"/> for a new publish, replacing any earlier one; its files are named with <paramref name="prefix"/>.</summary>
    public DashStream StartNew(string name, string prefix) => _streams[name] = new DashStream(name, _options, _time, prefix);

    /// <summary>Finds a stream.</summary>
    public bool TryGet(string name, out DashStream stream) => _streams.TryGetValue(name, out stream!);

    /// <summary>Forgets a stream.</summary>
    public bool Remove(string name) => _streams.TryRemove(name, out _);

    /// <summary>Forgets <paramref name="stream"/> if it is still the one served under its name (a newer publish stays).</summary>
    public bool Remove(DashStream stream) => _streams.TryRemove(new KeyValuePair<string, DashStream>(stream.Name, stream));

    /// <summary>Streams held now.</summary>
    public int Count => _streams.Count;
}
