using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Livepeer.Media.Hls;

/// <summary>
/// Live streams' recent HLS windows saved in a folder, one subfolder per stream: a stream.json (variants, media
/// sequence numbers, segment names) and the window's segment files. A restarted server restores them, so players see
/// the same playlist again (same names, same media sequence) and a returning publisher's playlist continues after it.
/// Segment files are written once (names are unique per publish) and removed when they leave the window.
/// </summary>
public sealed class HlsPlaylistArchive(string directory)
{
    private const string StateFile = "stream.json";

    /// <summary>The folder the windows are saved in.</summary>
    public string Directory { get; } = directory;

    /// <summary>Saves <paramref name="stream"/>'s current windows (new segment files, then stream.json atomically, then drops files that left).</summary>
    public void Save(HlsStream stream)
    {
        var dir = FolderOf(stream.Name);
        System.IO.Directory.CreateDirectory(dir);
        var keep = new HashSet<string>(StringComparer.Ordinal) { StateFile };
        var variants = new List<ArchivedVariant>();
        foreach (var (info, window, maps) in stream.Snapshot())
        {
            foreach (var (uri, data) in maps) WriteOnce(dir, FileOf(info.Name, uri), data, keep);
            var segments = new List<ArchivedSegment>();
            foreach (var s in window)
            {
                WriteOnce(dir, FileOf(info.Name, s.Uri), s.Data, keep);
                segments.Add(new ArchivedSegment(s.MediaSequence, s.Uri, s.Duration, s.Discontinuity, s.ContentType, s.MapUri));
            }
            variants.Add(new ArchivedVariant(info.Name, info.Width, info.Height, info.FrameRate, info.Codecs, segments));
        }
        var temp = Path.Combine(dir, StateFile + ".tmp");
        File.WriteAllText(temp, JsonSerializer.Serialize(new ArchivedStream(stream.Name, variants)));
        File.Move(temp, Path.Combine(dir, StateFile), overwrite: true);
        foreach (var file in System.IO.Directory.EnumerateFiles(dir))
            if (!keep.Contains(Path.GetFileName(file))) File.Delete(file);
    }

    /// <summary>Forgets a stream's window (it ended: ended streams are not served again).</summary>
    public void Delete(string name)
    {
        var dir = FolderOf(name);
        if (System.IO.Directory.Exists(dir)) System.IO.Directory.Delete(dir, recursive: true);
    }

    /// <summary>Restores every saved window into <paramref name="store"/>; returns the streams restored. A folder that cannot be read is skipped and removed.</summary>
    public IReadOnlyList<HlsStream> RestoreInto(HlsStreamStore store)
    {
        var restored = new List<HlsStream>();
        if (!System.IO.Directory.Exists(Directory)) return restored;
        foreach (var dir in System.IO.Directory.EnumerateDirectories(Directory))
        {
            try
            {
                var saved = JsonSerializer.Deserialize<ArchivedStream>(File.ReadAllText(Path.Combine(dir, StateFile)))
                    ?? throw new InvalidDataException("empty stream.json");
                var stream = store.Restore(saved.Name, s =>
                {
                    foreach (var v in saved.Variants)
                    {
                        s.RestoreVariant(new HlsVariantInfo(v.Name, v.Width, v.Height, v.FrameRate, v.Codecs), v.Segments.Count == 0 ? 0 : v.Segments[0].Sequence);
                        foreach (var map in v.Segments.Select(x => x.MapUri).OfType<string>().Distinct())
                            s.AddInit(v.Name, map, File.ReadAllBytes(Path.Combine(dir, FileOf(v.Name, map))));
                        foreach (var x in v.Segments)
                            s.AddSegment(v.Name, x.Uri, x.Duration, x.Discontinuity, File.ReadAllBytes(Path.Combine(dir, FileOf(v.Name, x.Uri))), x.ContentType, x.MapUri);
                    }
                });
                if (stream is not null) restored.Add(stream);
            }
            catch (Exception e) when (e is IOException or JsonException or InvalidDataException or HlsException or UnauthorizedAccessException)
            {
                // A window half written by a crash, or from an incompatible build: not worth failing the start over.
                System.IO.Directory.Delete(dir, recursive: true);
            }
        }
        return restored;
    }

    private string FolderOf(string name) => Path.Combine(Directory, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name)))[..32]);

    // Variant and segment names come from the server itself, but are hashed anyway so no name can leave the folder.
    private static string FileOf(string variant, string uri) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(variant + "/" + uri)))[..32] + ".seg";

    private static void WriteOnce(string dir, string file, ReadOnlyMemory<byte> data, HashSet<string> keep)
    {
        keep.Add(file);
        var path = Path.Combine(dir, file);
        if (File.Exists(path)) return;
        using (var f = File.Create(path + ".tmp")) f.Write(data.Span);
        File.Move(path + ".tmp", path, overwrite: true);
    }

    private sealed record ArchivedStream([property: JsonPropertyName("name")] string Name, [property: JsonPropertyName("variants")] List<ArchivedVariant> Variants);

    private sealed record ArchivedVariant(
        [property: JsonPropertyName("name")] string Name, [property: JsonPropertyName("width")] int Width, [property: JsonPropertyName("height")] int Height,
        [property: JsonPropertyName("fps")] double FrameRate, [property: JsonPropertyName("codecs")] string Codecs,
        [property: JsonPropertyName("segments")] List<ArchivedSegment> Segments);

    private sealed record ArchivedSegment(
        [property: JsonPropertyName("seq")] long Sequence, [property: JsonPropertyName("uri")] string Uri, [property: JsonPropertyName("duration")] double Duration,
        [property: JsonPropertyName("disc")] bool Discontinuity, [property: JsonPropertyName("type")] string ContentType, [property: JsonPropertyName("map")] string? MapUri);
}
