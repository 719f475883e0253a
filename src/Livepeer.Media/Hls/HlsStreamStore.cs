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

    /// <summary>
    /// A fresh stream under <paramref name="name"/> for a new publish, replacing any earlier one (ended or not); its media
    /// sequence continues after the earlier one's so players polling the old playlist never see it go back.
    /// </summary>
    public HlsStream StartNew(string name) =>
        _streams.AddOrUpdate(name, n => new HlsStream(n, _options, _time), (n, old) => new HlsStream(n, _options, _time, old.NextSequenceOverall));

    /// <summary>
    /// Serves a stream rebuilt by <paramref name="fill"/> under <paramref name="name"/> unless one is there already (a
    /// restored window is never recorded again); returns it, or null when the name was taken.
    /// </summary>
    public HlsStream? Restore(string name, Action<HlsStream> fill)
    {
        var stream = new HlsStream(name, new HlsOptions { TargetDuration = _options.TargetDuration, WindowSize = _options.WindowSize, GracePeriod = _options.GracePeriod }, _time);
        fill(stream);
        return _streams.TryAdd(name, stream) ? stream : null;
    }

    /// <summary>Finds a stream.</summary>
    public bool TryGet(string name, out HlsStream stream) => _streams.TryGetValue(name, out stream!);

    /// <summary>Forgets a stream (its URLs then return 404).</summary>
    public bool Remove(string name) => _streams.TryRemove(name, out _);

    /// <summary>Forgets <paramref name="stream"/> if it is still the one served under its name (a newer publish stays).</summary>
    public bool Remove(HlsStream stream) => _streams.TryRemove(new KeyValuePair<string, HlsStream>(stream.Name, stream));

    /// <summary>Streams held now.</summary>
    public int Count => _streams.Count;

    /// <summary>Names of all streams.</summary>
    public IReadOnlyCollection<string> Names => _streams.Keys.ToArray();
}
