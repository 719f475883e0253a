namespace Livepeer.Media.Hls;

/// <summary>
/// One live stream's HLS output: a variant playlist per rendition plus the master playlist. Thread-safe: segment
/// producers and HTTP readers may call it concurrently.
/// </summary>
public sealed class HlsStream
{
    private readonly object _gate = new();
    private readonly List<string> _order = new();
    private readonly Dictionary<string, (HlsVariantInfo Info, MediaPlaylist Playlist, BitrateMeter Meter)> _variants = new(StringComparer.Ordinal);
    private readonly HlsOptions _options;
    private readonly TimeProvider _time;

    /// <summary>Creates an empty stream whose playlists start at media sequence <paramref name="firstSequence"/>.</summary>
    public HlsStream(string name, HlsOptions options, TimeProvider time, long firstSequence = 0)
    {
        options.Validate();
        Name = name;
        _options = options;
        _time = time;
        _firstSequence = firstSequence;
        if (options.RecordDirectory is { } dir) Recording = new HlsRecording(dir, name, RenderMaster);
    }

    /// <summary>This stream's recording on disk, when the options name a record directory.</summary>
    public HlsRecording? Recording { get; }

    private readonly long _firstSequence;

    /// <summary>The stream name (key).</summary>
    public string Name { get; }

    /// <summary>True once <see cref="End"/> was called.</summary>
    public bool Ended { get; private set; }

    /// <summary>Rendition names in master playlist order.</summary>
    public IReadOnlyList<string> Variants { get { lock (_gate) return _order.ToArray(); } }

    /// <summary>Declares or updates a variant's description (codecs, resolution); creates its playlist on first call.</summary>
    public void SetVariant(HlsVariantInfo info)
    {
        lock (_gate)
        {
            if (_variants.TryGetValue(info.Name, out var v)) { _variants[info.Name] = (info, v.Playlist, v.Meter); return; }
            var playlist = new MediaPlaylist(_options.TargetDuration, _options.WindowSize, _options.GracePeriod, _time, _firstSequence);
            if (Ended) playlist.End();
            _variants[info.Name] = (info, playlist, new BitrateMeter());
            _order.Add(info.Name);
        }
    }

    /// <summary>Declares a variant whose playlist starts at <paramref name="firstSequence"/> (a window restored from disk, <see cref="HlsPlaylistArchive"/>).</summary>
    public void RestoreVariant(HlsVariantInfo info, long firstSequence)
    {
        lock (_gate)
        {
            if (_variants.ContainsKey(info.Name)) throw new HlsException($"Variant \"{info.Name}\" of stream \"{Name}\" exists already.");
            _variants[info.Name] = (info, new MediaPlaylist(_options.TargetDuration, _options.WindowSize, _options.GracePeriod, _time, firstSequence), new BitrateMeter());
            _order.Add(info.Name);
        }
    }

    /// <summary>Each variant's description, its window (oldest first) and the init segments the window refers to: what <see cref="HlsPlaylistArchive"/> saves.</summary>
    public IReadOnlyList<(HlsVariantInfo Info, IReadOnlyList<HlsSegment> Window, IReadOnlyDictionary<string, ReadOnlyMemory<byte>> Maps)> Snapshot()
    {
        lock (_gate)
        {
            return _order.Select(n => _variants[n]).Select(v =>
            {
                var window = v.Playlist.Segments.ToList();
                var maps = new Dictionary<string, ReadOnlyMemory<byte>>(StringComparer.Ordinal);
                foreach (var uri in window.Select(s => s.MapUri).OfType<string>().Distinct())
                    if (v.Playlist.TryGet(uri, out var data, out _)) maps[uri] = data;
                return (v.Info, (IReadOnlyList<HlsSegment>)window, (IReadOnlyDictionary<string, ReadOnlyMemory<byte>>)maps);
            }).ToList();
        }
    }

    /// <summary>Registers an fMP4 init segment for a variant.</summary>
    public void AddInit(string variant, string uri, ReadOnlyMemory<byte> data)
    {
        lock (_gate)
        {
            Get(variant).Playlist.AddMap(uri, data);
            Recording?.AddInit(variant, uri, data);
        }
    }

    /// <summary>Appends a segment to a variant's playlist and counts its bitrate.</summary>
    public HlsSegment AddSegment(string variant, string uri, double duration, bool discontinuity, ReadOnlyMemory<byte> data, string contentType, string? mapUri = null)
    {
        lock (_gate)
        {
            var v = Get(variant);
            var seg = v.Playlist.Append(uri, duration, discontinuity, data, contentType, mapUri);
            v.Meter.Add(data.Length, duration);
            Recording?.AddSegment(variant, uri, duration, discontinuity, data, mapUri);
            return seg;
        }
    }

    /// <summary>The highest next media sequence number over all variants (where a new publish of the stream continues).</summary>
    public long NextSequenceOverall { get { lock (_gate) return _variants.Values.Select(v => v.Playlist.NextSequence).DefaultIfEmpty(_firstSequence).Max(); } }

    /// <summary>The next media sequence number a variant will assign.</summary>
    public long NextSequence(string variant) { lock (_gate) return Get(variant).Playlist.NextSequence; }

    /// <summary>Ends the stream: every variant playlist gets EXT-X-ENDLIST.</summary>
    public void End()
    {
        lock (_gate)
        {
            Ended = true;
            foreach (var v in _variants.Values) v.Playlist.End();
            Recording?.End();
        }
    }

    /// <summary>The master playlist listing variants that have at least one segment (their bandwidth and codecs are then known).</summary>
    public string RenderMaster()
    {
        lock (_gate)
        {
            return MasterPlaylist.Render(_order.Select(n => _variants[n])
                .Where(v => v.Playlist.NextSequence > 0)
                .Select(v => (v.Info, v.Meter.Peak, v.Meter.Average)).ToList());
        }
    }

    /// <summary>A variant playlist's text, or null when the variant is unknown.</summary>
    public string? RenderVariant(string variant)
    {
        lock (_gate) return _variants.TryGetValue(variant, out var v) ? v.Playlist.Render() : null;
    }

    /// <summary>A segment or init segment of a variant.</summary>
    public bool TryGetSegment(string variant, string uri, out ReadOnlyMemory<byte> data, out string contentType)
    {
        lock (_gate)
        {
            if (_variants.TryGetValue(variant, out var v)) return v.Playlist.TryGet(uri, out data, out contentType);
            data = default;
            contentType = "";
            return false;
        }
    }

    private (HlsVariantInfo Info, MediaPlaylist Playlist, BitrateMeter Meter) Get(string variant) =>
        _variants.TryGetValue(variant, out var v) ? v : throw new HlsException($"Variant \"{variant}\" of stream \"{Name}\" was not declared; call SetVariant first.");
}
