using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Livepeer.Media.Http;

/// <summary>
/// Serves the recordings of --record-dir at GET /recordings/{stream}/index.m3u8, /recordings/{stream}/{rendition}/index.m3u8
/// and their segments: playable as VOD once the live stream is gone. Nothing outside the record folder is reachable. With
/// playback protection the playlists carry the token they were fetched with.
/// </summary>
public static class RecordingFiles
{
    private static readonly Dictionary<string, string> Types = new(StringComparer.OrdinalIgnoreCase)
    {
        [".m3u8"] = "application/vnd.apple.mpegurl", [".ts"] = "video/mp2t", [".m4s"] = "video/iso.segment", [".mp4"] = "video/mp4",
        [".webm"] = "video/webm", [".mpd"] = "application/dash+xml",
    };

    /// <summary>Maps the routes for the recordings under <paramref name="root"/>.</summary>
    public static void Map(IEndpointRouteBuilder app, string root)
    {
        var full = Path.GetFullPath(root);
        app.MapMethods("/recordings/{stream}/{file}", [HttpMethods.Get, HttpMethods.Head], (HttpContext context, string stream, string file) =>
            SendAsync(context, full, Path.Combine(full, stream, file)));
        app.MapMethods("/recordings/{stream}/{rendition}/{file}", [HttpMethods.Get, HttpMethods.Head], (HttpContext context, string stream, string rendition, string file) =>
            SendAsync(context, full, Path.Combine(full, stream, rendition, file)));
    }

    private static async Task SendAsync(HttpContext context, string root, string path)
    {
        var resolved = Path.GetFullPath(path);
        if (!resolved.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal) || !Types.TryGetValue(Path.GetExtension(resolved), out var type) || !File.Exists(resolved))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        context.Response.ContentType = type;
        var hls = resolved.EndsWith(".m3u8", StringComparison.Ordinal);
        var mpd = resolved.EndsWith(".mpd", StringComparison.Ordinal);
        context.Response.Headers.CacheControl = hls || mpd ? "no-cache" : "max-age=86400";
        if ((hls || mpd) && PlaybackProtection.GrantedToken(context) is { } token)
        {
            // Protected playback: the URIs inside carry the token this playlist was fetched with.
            var text = await File.ReadAllTextAsync(resolved, context.RequestAborted).ConfigureAwait(false);
            var body = Encoding.UTF8.GetBytes(hls ? PlaylistTokens.RewriteHls(text, token) : PlaylistTokens.RewriteMpd(text, token));
            context.Response.ContentLength = body.Length;
            if (!HttpMethods.IsHead(context.Request.Method)) await context.Response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
            return;
        }
        await context.Response.SendFileAsync(resolved, context.RequestAborted).ConfigureAwait(false);
    }
}
