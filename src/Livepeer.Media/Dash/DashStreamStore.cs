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

    /// <summary>Finds a stream.</summary>
    public bool TryGet(string name, out DashStream stream) => _streams.TryGetValue(name, out stream!);

    /// <summary>Forgets a stream.</summary>
    public bool Remove(string name) => _streams.TryRemove(name, out _);
}
