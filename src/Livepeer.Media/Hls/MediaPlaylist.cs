using System.Globalization;
using System.Text;

namespace Livepeer.Media.Hls;

/// <summary>
/// A live variant (media) playlist per RFC 8216: a sliding window that only appends at the tail and removes at the head,
/// a target duration fixed for its whole life, EXT-X-MEDIA-SEQUENCE and EXT-X-DISCONTINUITY-SEQUENCE that grow as segments
/// leave, EXT-X-ENDLIST at the end. Removed segments stay downloadable for a grace period. Not thread-safe; <see cref="HlsStream"/> locks.
/// </summary>
public sealed class MediaPlaylist
{
    private readonly LinkedList<HlsSegment> _window = new();
    private readonly LinkedList<(HlsSegment Segment, DateTimeOffset RemovedAt)> _retired = new();
    private readonly Dictionary<string, ReadOnlyMemory<byte>> _maps = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HlsSegment> _byUri = new(StringComparer.Ordinal); // window + retired, for O(1) lookups
    private readonly TimeProvider _time;
    private long _nextSequence;

    /// <summary>Creates an empty live playlist.</summary>
    /// <param name="targetDuration">EXT-X-TARGETDURATION in whole seconds; every segment's rounded duration must fit.</param>
    /// <param name="windowSize">Segments kept in the playlist (at least 3, so players can start 3 target durations from the end).</param>
    /// <param name="gracePeriod">How long removed segments remain downloadable.</param>
    /// <param name="time">Clock for the grace period.</param>
    /// <param name="firstSequence">Media sequence of the first segment: a republished stream continues after its previous
    /// publish (and its first segment is a discontinuity), so a player never sees the sequence go back.</param>
    public MediaPlaylist(int targetDuration, int windowSize, TimeSpan gracePeriod, TimeProvider time, long firstSequence = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(firstSequence);
        if (targetDuration < 1) throw new ArgumentOutOfRangeException(nameof(targetDuration), "Target duration must be at least 1 s.");
        if (windowSize < 3) throw new ArgumentOutOfRangeException(nameof(windowSize), "A live window needs at least 3 segments (RFC 8216 6.2.2).");
        if (gracePeriod < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(gracePeriod));
        TargetDuration = targetDuration;
        WindowSize = windowSize;
        GracePeriod = gracePeriod;
        _time = time;
        MediaSequence = _nextSequence = _firstSequence = firstSequence;
    }

    private readonly long _firstSequence;

    /// <summary>EXT-X-TARGETDURATION; never changes.</summary>
    public int TargetDuration { get; }

    /// <summary>Maximum segments in the window.</summary>
    public int WindowSize { get; }

    /// <summary>How long removed segments remain downloadable.</summary>
    public TimeSpan GracePeriod { get; }

    /// <summary>EXT-X-MEDIA-SEQUENCE: the sequence number of the first segment in the window.</summary>
    public long MediaSequence { get; private set; }

    /// <summary>EXT-X-DISCONTINUITY-SEQUENCE: discontinuity tags that have left the window.</summary>
    public long DiscontinuitySequence { get; private set; }

    /// <summary>True once EXT-X-ENDLIST has been written.</summary>
    public bool Ended { get; private set; }

    /// <summary>True when any segment uses fMP4 (EXT-X-MAP), which needs EXT-X-VERSION 6 or later.</summary>
    public bool UsesMap { get; private set; }

    /// <summary>The segments currently in the window, oldest first.</summary>
    public IReadOnlyCollection<HlsSegment> Segments => _window;

    /// <summary>The sequence number the next appended segment gets.</summary>
    public long NextSequence => _nextSequence;

    /// <summary>Registers an init segment (EXT-X-MAP target) so it can be served.</summary>
    public void AddMap(string uri, ReadOnlyMemory<byte> data) => _maps[uri] = data;

    /// <summary>Appends a segment at the tail; the oldest leave the head once the window is full.</summary>
    /// <returns>The appended segment with its media sequence number.</returns>
    public HlsSegment Append(string uri, double duration, bool discontinuity, ReadOnlyMemory<byte> data, string contentType, string? mapUri = null)
    {
        if (Ended) throw new HlsException("The playlist has ended (EXT-X-ENDLIST); no segment can be added after the end of the stream.");
        if (!(duration > 0)) throw new HlsException($"Segment {uri} has duration {duration}; durations must be positive.");
        if ((int)Math.Round(duration, MidpointRounding.AwayFromZero) > TargetDuration)
            throw new HlsException($"Segment {uri} lasts {duration:0.###} s, which rounds above the fixed target duration {TargetDuration} s; cut shorter segments or raise the target duration before the stream starts.");
        if (mapUri is not null && !_maps.ContainsKey(mapUri))
            throw new HlsException($"Segment {uri} refers to init segment {mapUri}, which was not added; call AddMap first.");
        var now = _time.GetUtcNow();
        Purge(now);
        if (_byUri.ContainsKey(uri))
            throw new HlsException($"Segment URI {uri} is already in use; each segment needs a unique URI.");
        discontinuity |= _nextSequence == _firstSequence && _firstSequence > 0; // a republish's first segment follows the previous publish
        var seg = new HlsSegment(_nextSequence++, uri, duration, discontinuity && _window.Count + MediaSequence > 0, data, contentType, mapUri);
        UsesMap |= mapUri is not null;
        _window.AddLast(seg);
        _byUri[uri] = seg;
        while (_window.Count > WindowSize)
        {
            var head = _window.First!.Value;
            _window.RemoveFirst();
            MediaSequence++;
            if (head.Discontinuity) DiscontinuitySequence++;
            _retired.AddLast((head, now));
        }
        return seg;
    }

    /// <summary>Marks the end of the stream: EXT-X-ENDLIST is written and nothing more can be appended. Idempotent.</summary>
    public void End() => Ended = true;

    /// <summary>Finds a segment or init segment by URI: in the window, or removed less than the grace period ago.</summary>
    public bool TryGet(string uri, out ReadOnlyMemory<byte> data, out string contentType)
    {
        if (_maps.TryGetValue(uri, out data)) { contentType = "video/mp4"; return true; }
        Purge(_time.GetUtcNow());
        if (_byUri.TryGetValue(uri, out var seg)) { data = seg.Data; contentType = seg.ContentType; return true; }
        data = default;
        contentType = "";
        return false;
    }

    private void Purge(DateTimeOffset now)
    {
        while (_retired.First is { } first && now - first.Value.RemovedAt > GracePeriod)
        {
            _byUri.Remove(first.Value.Segment.Uri);
            _retired.RemoveFirst();
        }
    }

    /// <summary>Renders the playlist text.</summary>
    public string Render()
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.Append("#EXTM3U\n");
        sb.Append(inv, $"#EXT-X-VERSION:{(UsesMap ? 6 : 3)}\n");
        sb.Append(inv, $"#EXT-X-TARGETDURATION:{TargetDuration}\n");
        sb.Append(inv, $"#EXT-X-MEDIA-SEQUENCE:{MediaSequence}\n");
        if (DiscontinuitySequence > 0 || _window.Any(s => s.Discontinuity))
            sb.Append(inv, $"#EXT-X-DISCONTINUITY-SEQUENCE:{DiscontinuitySequence}\n");
        sb.Append("#EXT-X-INDEPENDENT-SEGMENTS\n");
        string? map = null;
        foreach (var s in _window)
        {
            if (s.Discontinuity) sb.Append("#EXT-X-DISCONTINUITY\n");
            if (s.MapUri is not null && (s.MapUri != map || s.Discontinuity))
            {
                sb.Append(inv, $"#EXT-X-MAP:URI=\"{s.MapUri}\"\n");
                map = s.MapUri;
            }
            sb.Append(inv, $"#EXTINF:{s.Duration:0.000},\n{s.Uri}\n");
        }
        if (Ended) sb.Append("#EXT-X-ENDLIST\n");
        return sb.ToString();
    }
}
