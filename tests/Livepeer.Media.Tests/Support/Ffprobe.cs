using System.Text.Json;

namespace Livepeer.Media.Tests.Support;

/// <summary>ffprobe/ffmpeg checks on TS files.</summary>
public static class Ffprobe
{
    public static async Task<JsonDocument> ProbeAsync(string path)
    {
        var r = await ExternalTool.RunAsync("ffprobe", ["-v", "error", "-of", "json", "-show_streams", "-show_format", "-show_packets", path], TimeSpan.FromSeconds(60));
        Assert.True(r.ExitCode == 0, $"ffprobe rejected {path}: {r.Stderr}");
        Assert.True(r.Stderr.Length == 0, $"ffprobe complained about {path}: {r.Stderr}");
        return JsonDocument.Parse(r.Stdout);
    }

    /// <summary>Decodes the whole file with -v debug and fails on continuity or corruption reports.</summary>
    public static async Task AssertDecodesCleanlyAsync(string path)
    {
        var r = await ExternalTool.RunAsync("ffmpeg", ["-hide_banner", "-v", "debug", "-i", path, "-f", "null", "-"], TimeSpan.FromSeconds(120));
        Assert.True(r.ExitCode == 0, $"ffmpeg could not decode {path}: {Tail(r.Stderr)}");
        var bad = r.Stderr.Split('\n').Where(l =>
            l.Contains("continuity", StringComparison.OrdinalIgnoreCase) ||
            l.Contains("Packet corrupt", StringComparison.OrdinalIgnoreCase) ||
            l.Contains("error while decoding", StringComparison.OrdinalIgnoreCase) ||
            l.Contains("non-existing PPS", StringComparison.OrdinalIgnoreCase) ||
            l.Contains("no frame!", StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.True(bad.Count == 0, $"ffmpeg -v debug reported problems in {path}:\n{string.Join('\n', bad.Take(20))}");
    }

    public static IEnumerable<JsonElement> Streams(JsonDocument doc) => doc.RootElement.GetProperty("streams").EnumerateArray();

    public static IEnumerable<JsonElement> Packets(JsonDocument doc, string codecType)
    {
        var index = Streams(doc).Where(s => s.GetProperty("codec_type").GetString() == codecType).Select(s => s.GetProperty("index").GetInt32()).ToHashSet();
        return doc.RootElement.GetProperty("packets").EnumerateArray().Where(p => index.Contains(p.GetProperty("stream_index").GetInt32()));
    }

    /// <summary>A numeric or string JSON property as long (ffprobe writes pts/dts as numbers).</summary>
    public static long Long(JsonElement e, string name)
    {
        var v = e.GetProperty(name);
        return v.ValueKind == JsonValueKind.Number ? v.GetInt64() : long.Parse(v.GetString()!, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string Tail(string s) => s.Length > 2000 ? s[^2000..] : s;
}
