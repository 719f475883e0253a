using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Livepeer.Media.Codecs;

namespace Livepeer.Media.Profiles;

/// <summary>
/// Parses a ladder: either a comma list of preset names ("P720p30fps16x9,P360p30fps16x9") or a JSON array of profiles in
/// go-livepeer's -transcodingOptions shape (name, width, height, bitrate, fps, fpsDen, gop, profile, encoder, plus preset).
/// </summary>
public static partial class VideoProfileParser
{
    private const int MaxWidth = 7680, MaxHeight = 4320, MaxFps = 240;
    private const long MaxBitrate = 500_000_000;

    [GeneratedRegex("^[A-Za-z0-9_.-]{1,64}$")]
    private static partial Regex NamePattern();

    /// <summary>Parses preset names or JSON (text starting with '['), validating every profile.</summary>
    public static IReadOnlyList<VideoProfile> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        if (trimmed.Length == 0)
            throw new ProfileException("The profile list is empty: give preset names such as P720p30fps16x9,P360p30fps16x9 or a JSON array of profiles.");
        return trimmed.StartsWith('[') || trimmed.StartsWith('{') ? ParseJson(trimmed) : ParseNames(trimmed);
    }

    /// <summary>Parses a comma separated list of preset names.</summary>
    public static IReadOnlyList<VideoProfile> ParseNames(string list)
    {
        var result = new List<VideoProfile>();
        foreach (var raw in list.Split(',', StringSplitOptions.TrimEntries))
        {
            if (raw.Length == 0)
                throw new ProfileException($"The profile list \"{list}\" has an empty entry; remove the extra comma.");
            if (!VideoProfilePresets.ByName.TryGetValue(raw, out var p))
                throw new ProfileException($"Unknown preset \"{raw}\". Known presets: {string.Join(", ", VideoProfilePresets.ByName.Keys)}; or pass a JSON array of custom profiles.");
            result.Add(p);
        }
        Validate(result);
        return result;
    }

    /// <summary>Parses a JSON array of profiles (go-livepeer transcodingOptions format).</summary>
    public static IReadOnlyList<VideoProfile> ParseJson(string json)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException e)
        {
            throw new ProfileException($"The profile JSON is not valid JSON ({e.Message}); expected an array like [{{\"name\":\"720p\",\"width\":1280,\"height\":720,\"bitrate\":4000000,\"fps\":30}}].", e);
        }
        using (doc)
        {
            // go-livepeer also accepts {"profiles":[...]}; support both shapes.
            var root = doc.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("profiles", out var inner))
                root = inner;
            if (root.ValueKind != JsonValueKind.Array)
                throw new ProfileException("The profile JSON must be an array of profile objects.");
            var result = new List<VideoProfile>();
            int index = 0;
            foreach (var el in root.EnumerateArray())
                result.Add(ParseOne(el, index++));
            Validate(result);
            return result;
        }
    }

    private static VideoProfile ParseOne(JsonElement el, int index)
    {
        if (el.ValueKind != JsonValueKind.Object)
            throw new ProfileException($"Profile #{index} must be a JSON object.");
        string where = $"Profile #{index}";
        var name = GetString(el, "name", where) ?? throw new ProfileException($"{where} has no \"name\".");
        where = $"Profile #{index} (\"{name}\")";
        int width = (int)GetInteger(el, "width", where, required: true);
        int height = (int)GetInteger(el, "height", where, required: true);
        long bitrate = GetInteger(el, "bitrate", where, required: true);
        int fps = (int)GetInteger(el, "fps", where, required: false);
        int fpsDen = (int)GetInteger(el, "fpsDen", where, required: false);
        if (fpsDen == 0) fpsDen = 1;
        double gop = ParseGop(el, where);
        var codec = ParseEncoder(GetString(el, "encoder", where), where);
        var profile = ParseEncoderProfile(GetString(el, "profile", where), codec, where);
        var preset = GetString(el, "preset", where);
        return new VideoProfile(name, width, height, bitrate, fps, fpsDen, gop, codec, profile, preset);
    }

    private static string? GetString(JsonElement el, string field, string where)
    {
        if (!el.TryGetProperty(field, out var v) || v.ValueKind == JsonValueKind.Null) return null;
        if (v.ValueKind != JsonValueKind.String)
            throw new ProfileException($"{where}: \"{field}\" must be a string.");
        return v.GetString();
    }

    private static long GetInteger(JsonElement el, string field, string where, bool required)
    {
        if (!el.TryGetProperty(field, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            if (required) throw new ProfileException($"{where} has no \"{field}\".");
            return 0;
        }
        if (v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var n)) return n;
        // Bitrates are often written "4000k" or "4M"; accept those too.
        if (v.ValueKind == JsonValueKind.String && TryParseScaled(v.GetString()!, out n)) return n;
        throw new ProfileException($"{where}: \"{field}\" must be a whole number, got {v.GetRawText()}.");
    }

    private static bool TryParseScaled(string s, out long value)
    {
        value = 0;
        s = s.Trim();
        long mult = 1;
        if (s.EndsWith('k') || s.EndsWith('K')) { mult = 1000; s = s[..^1]; }
        else if (s.EndsWith('m') || s.EndsWith('M')) { mult = 1_000_000; s = s[..^1]; }
        if (!long.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var n)) return false;
        value = checked(n * mult);
        return true;
    }

    private static double ParseGop(JsonElement el, string where)
    {
        if (!el.TryGetProperty("gop", out var v) || v.ValueKind == JsonValueKind.Null) return 0;
        if (v.ValueKind == JsonValueKind.Number) return v.GetDouble();
        if (v.ValueKind == JsonValueKind.String)
        {
            var s = v.GetString()!.Trim();
            if (s.Equals("intra", StringComparison.OrdinalIgnoreCase)) return VideoProfile.IntraOnly;
            if (s.Length == 0) return 0;
            if (double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)) return d;
        }
        throw new ProfileException($"{where}: \"gop\" must be seconds (e.g. \"2.0\") or \"intra\", got {v.GetRawText()}.");
    }

    private static VideoCodec ParseEncoder(string? encoder, string where) =>
        string.IsNullOrWhiteSpace(encoder) ? VideoCodec.H264
        : CodecTable.FromName(encoder) ?? throw new ProfileException($"{where}: unknown \"encoder\" \"{encoder}\"; use one of {CodecTable.NameList}.");

    private static string? ParseEncoderProfile(string? profile, VideoCodec codec, string where)
    {
        if (string.IsNullOrWhiteSpace(profile) || profile.Equals("None", StringComparison.OrdinalIgnoreCase)) return null;
        var p = profile.Trim();
        // go-livepeer names: H264Baseline, H264Main, H264High, H264ConstrainedHigh.
        var mapped = p.ToLowerInvariant() switch
        {
            "h264baseline" or "baseline" => "baseline",
            "h264main" or "main" => "main",
            "h264high" or "high" or "h264constrainedhigh" or "constrainedhigh" => "high",
            "main10" => "main10",
            _ => null,
        };
        if (mapped is null)
            throw new ProfileException($"{where}: unknown \"profile\" \"{profile}\"; use H264Baseline, H264Main, H264High, H264ConstrainedHigh, Main10 or None.");
        if (!CodecTable.Of(codec).EncoderProfiles.Contains(mapped))
            throw new ProfileException($"{where}: profile \"{profile}\" does not apply to {codec}; omit it or use None.");
        return mapped;
    }

    /// <summary>Checks every field and that names are unique; throws <see cref="ProfileException"/> naming the problem.</summary>
    public static void Validate(IReadOnlyList<VideoProfile> profiles)
    {
        if (profiles.Count == 0)
            throw new ProfileException("The profile list is empty: give at least one rendition.");
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var p in profiles)
        {
            string where = $"Profile \"{p.Name}\"";
            if (!NamePattern().IsMatch(p.Name ?? ""))
                throw new ProfileException($"Profile name \"{p.Name}\" is invalid: use 1-64 characters from A-Z a-z 0-9 _ . - (it appears in URLs).");
            if (p.Name!.Equals("source", StringComparison.OrdinalIgnoreCase))
                throw new ProfileException("Profile name \"source\" is reserved for the source rendition; choose another name.");
            if (!seen.Add(p.Name))
                throw new ProfileException($"Profile name \"{p.Name}\" appears twice; names must be unique.");
            if (p.Width <= 0 || p.Height <= 0 || p.Width > MaxWidth || p.Height > MaxHeight)
                throw new ProfileException($"{where}: resolution {p.Width}x{p.Height} is out of range (1..{MaxWidth} x 1..{MaxHeight}).");
            if (p.Width % 2 != 0 || p.Height % 2 != 0)
                throw new ProfileException($"{where}: width and height must be even for 4:2:0 video, got {p.Width}x{p.Height}.");
            if (p.Bitrate <= 0 || p.Bitrate > MaxBitrate)
                throw new ProfileException($"{where}: bitrate {p.Bitrate} bps is out of range (1..{MaxBitrate}); give bits per second, e.g. 4000000.");
            if (p.FpsNum < 0 || p.FpsNum > MaxFps * Math.Max(1, p.FpsDen) || p.FpsDen <= 0)
                throw new ProfileException($"{where}: frame rate {p.FpsNum}/{p.FpsDen} is invalid (fps 0 keeps the source rate, at most {MaxFps}; fpsDen >= 1).");
            if (p.FpsNum > 0 && (double)p.FpsNum / p.FpsDen > MaxFps)
                throw new ProfileException($"{where}: frame rate {p.FpsNum}/{p.FpsDen} exceeds {MaxFps} fps.");
            if (double.IsNaN(p.GopSeconds) || (p.GopSeconds < 0 && p.GopSeconds != VideoProfile.IntraOnly) || p.GopSeconds > 60)
                throw new ProfileException($"{where}: gop {p.GopSeconds} s is invalid; use 0 (default), up to 60 seconds, or \"intra\".");
            if (p.Preset is { } preset && !NamePattern().IsMatch(preset))
                throw new ProfileException($"{where}: preset \"{preset}\" is invalid; use an encoder preset name such as veryfast or a speed number.");
        }
    }
}
