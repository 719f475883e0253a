using System.Text;
using System.Text.RegularExpressions;

namespace Livepeer.Media.Http;

/// <summary>
/// Adds a playback token to every URI of a playlist (HLS variant and segment lines, URI="..." attributes such as
/// EXT-X-MAP) or MPD (SegmentTemplate initialization and media, BaseURL), so a player fetches everything with it: a
/// relative URI does not inherit the query of the playlist it came from.
/// </summary>
public static partial class PlaylistTokens
{
    [GeneratedRegex("URI=\"([^\"]*)\"")]
    private static partial Regex UriAttribute();

    [GeneratedRegex("\\b(initialization|media)=\"([^\"]*)\"")]
    private static partial Regex TemplateAttribute();

    [GeneratedRegex("<BaseURL>([^<]*)</BaseURL>")]
    private static partial Regex BaseUrl();

    /// <summary>The HLS playlist <paramref name="m3u8"/> with <paramref name="token"/> on each URI.</summary>
    public static string RewriteHls(string m3u8, string token)
    {
        var sb = new StringBuilder(m3u8.Length + 256);
        foreach (var line in m3u8.Split('\n'))
        {
            if (sb.Length > 0) sb.Append('\n');
            var trimmed = line.TrimEnd('\r');
            if (trimmed.Length == 0) sb.Append(line);
            else if (trimmed.StartsWith('#')) sb.Append(UriAttribute().Replace(line, m => $"URI=\"{With(m.Groups[1].Value, token)}\""));
            else sb.Append(With(trimmed, token)).Append(line[trimmed.Length..]);
        }
        return sb.ToString();
    }

    /// <summary>The MPD <paramref name="mpd"/> with <paramref name="token"/> on its segment templates and base URLs.</summary>
    public static string RewriteMpd(string mpd, string token)
    {
        var text = TemplateAttribute().Replace(mpd, m => $"{m.Groups[1].Value}=\"{With(m.Groups[2].Value, token)}\"");
        return BaseUrl().Replace(text, m => $"<BaseURL>{With(m.Groups[1].Value, token)}</BaseURL>");
    }

    // The token is EXPIRY.BASE64URL: no character that needs escaping in a URL or in XML. A BaseURL ending in '/' is a
    // folder others resolve against, where a query would be lost: left alone.
    private static string With(string uri, string token) =>
        uri.Length == 0 || uri.EndsWith('/') || HasToken(uri) ? uri
            : uri + (uri.Contains('?', StringComparison.Ordinal) ? "&" : "?") + PlaybackProtection.QueryName + "=" + token;

    private static bool HasToken(string uri) =>
        uri.Contains("?" + PlaybackProtection.QueryName + "=", StringComparison.Ordinal) || uri.Contains("&" + PlaybackProtection.QueryName + "=", StringComparison.Ordinal);
}
