using System.Globalization;
using System.Text;

namespace Livepeer.Media.Hls;

/// <summary>
/// Keeps one stream's HLS output on disk (--record-dir): every segment and init segment of every rendition under
/// DIR/{stream}/{rendition}/, a complete variant playlist per rendition (EVENT while live; VOD with EXT-X-ENDLIST once the
/// stream ends) and the master playlist, in the live URLs' layout so the folder plays as it is. Live memory is not
/// touched: old segments still leave the live window. Writes run in order on a background chain so the publishing path
/// never waits on the disk; a failed write stops the recording and is kept in <see cref="Error"/>.
/// </summary>
public sealed class HlsRecording
{
    private readonly object _gate = new();
    private readonly Dictionary<string, List<(string Uri, double Duration, bool Discontinuity, string? Map)>> _variants = new(StringComparer.Ordinal);
    private readonly Func<string> _master;
    private readonly Recording.RecordingWrites _writes = new();
    private bool _ended;

    /// <summary>
    /// Starts recording into <paramref name="root"/>/<paramref name="stream"/>; an earlier recording there is moved aside to
    /// {stream}.1, .2, … so no publish overwrites another. <paramref name="master"/> renders the master playlist.
    /// </summary>
    public HlsRecording(string root, string stream, Func<string> master)
    {
        _master = master;
        Directory = Path.Combine(root, stream);
        System.IO.Directory.CreateDirectory(root);
        if (System.IO.Directory.Exists(Directory))
        {
            var n = 1;
            while (System.IO.Directory.Exists($"{Directory}.{n}")) n++;
            System.IO.Directory.Move(Directory, $"{Directory}.{n}");
        }
        System.IO.Directory.CreateDirectory(Directory);
    }

    /// <summary>The folder this recording is written to.</summary>
    public string Directory { get; }

    /// <summary>The first write that failed (the recording stopped there), or null.</summary>
    public Exception? Error => _writes.Error;

    /// <summary>Completes when every write queued so far is on disk.</summary>
    public Task Completion => _writes.Completion;

    /// <summary>Writes an init segment (fMP4 EXT-X-MAP).</summary>
    public void AddInit(string variant, string uri, ReadOnlyMemory<byte> data) => Enqueue(() => WriteFile(Path.Combine(Directory, variant, Safe(uri)), data));

    /// <summary>Writes a segment and the variant's and master playlists.</summary>
    public void AddSegment(string variant, string uri, double duration, bool discontinuity, ReadOnlyMemory<byte> data, string? mapUri)
    {
        string playlist;
        lock (_gate)
        {
            if (!_variants.TryGetValue(variant, out var list)) _variants[variant] = list = [];
            list.Add((Safe(uri), duration, discontinuity, mapUri is null ? null : Safe(mapUri)));
            playlist = Render(list, _ended);
        }
        var master = _master();
        Enqueue(() =>
        {
            WriteFile(Path.Combine(Directory, variant, Safe(uri)), data);
            WriteText(Path.Combine(Directory, variant, "index.m3u8"), playlist);
            WriteText(Path.Combine(Directory, "index.m3u8"), master);
        });
    }

    /// <summary>Closes the recording as a VOD: every variant playlist becomes type VOD with EXT-X-ENDLIST.</summary>
    public void End()
    {
        List<(string, string)> playlists;
        lock (_gate)
        {
            if (_ended) return;
            _ended = true;
            playlists = _variants.Select(v => (v.Key, Render(v.Value, ended: true))).ToList();
        }
        var master = _master();
        Enqueue(() =>
        {
            foreach (var (variant, text) in playlists) WriteText(Path.Combine(Directory, variant, "index.m3u8"), text);
            WriteText(Path.Combine(Directory, "index.m3u8"), master);
        });
    }

    private void Enqueue(Action write) => _writes.Enqueue(write);

    // Segment names come from the pipeline (sequence numbers); a name can never leave its folder.
    private static string Safe(string uri) => Path.GetFileName(uri);

    private static void WriteFile(string path, ReadOnlyMemory<byte> data)
    {
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read);
        file.Write(data.Span);
    }

    // Playlists are replaced whole (write, then rename) so a player never reads half of one.
    private static void WriteText(string path, string text)
    {
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = path + ".tmp";
        File.WriteAllText(temp, text, new UTF8Encoding(false));
        File.Move(temp, path, overwrite: true);
    }

    private static string Render(List<(string Uri, double Duration, bool Discontinuity, string? Map)> segments, bool ended)
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder("#EXTM3U\n");
        sb.Append(inv, $"#EXT-X-VERSION:{(segments.Any(s => s.Map is not null) ? 6 : 3)}\n");
        // A VOD's target duration must cover its longest segment.
        sb.Append(inv, $"#EXT-X-TARGETDURATION:{Math.Max(1, (int)Math.Ceiling(segments.Select(s => s.Duration).DefaultIfEmpty(1).Max()))}\n");
        sb.Append(ended ? "#EXT-X-PLAYLIST-TYPE:VOD\n" : "#EXT-X-PLAYLIST-TYPE:EVENT\n");
        sb.Append("#EXT-X-MEDIA-SEQUENCE:0\n#EXT-X-INDEPENDENT-SEGMENTS\n");
        string? map = null;
        foreach (var s in segments)
        {
            if (s.Discontinuity) sb.Append("#EXT-X-DISCONTINUITY\n");
            if (s.Map is not null && (s.Map != map || s.Discontinuity))
            {
                sb.Append(inv, $"#EXT-X-MAP:URI=\"{s.Map}\"\n");
                map = s.Map;
            }
            sb.Append(inv, $"#EXTINF:{s.Duration:0.000},\n{s.Uri}\n");
        }
        if (ended) sb.Append("#EXT-X-ENDLIST\n");
        return sb.ToString();
    }
}
