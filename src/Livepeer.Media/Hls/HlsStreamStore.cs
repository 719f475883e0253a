using System.Collections.Concurrent;

namespace Livepeer.Media.Hls;

/// <summary>The HLS streams being served, keyed by stream name. Thread-safe.</summary>
public sealed class HlsStreamStore(HlsOptions? options = null, TimeProvider? time = null)
{
    private readonly ConcurrentDictionary<string, HlsStream> _streams = new(StringComparer.Ordinal);
    private readonly HlsOptions _options = Validated(options ?? new HlsOptions());
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    private static HlsOptions Validated(HlsOptions o) { o.Validate(); return o; }

    /// <summary>The stream with this name, created if absent.</summary>
    public HlsStream GetOrCreate(string name) => _streams.GetOrAdd(name, n => new HlsStream(n, _options, _time));

    /// <summary>Finds a stream.</summary>
    public bool TryGet(string name, out HlsStream stream) => _streams.TryGetValue(name, out stream!);

    /// <summary>Forgets a stream (its URLs then return 404).</summary>
    public bool Remove(string name) => _streams.TryRemove(name, out _);

    /// <summary>Names of all streams.</summary>
    public IReadOnlyCollection<string> Names => _streams.Keys.ToArray();
}
