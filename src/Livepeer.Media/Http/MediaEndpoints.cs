using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;
using Livepeer.Media.Dash;
using Livepeer.Media.Hls;
using Livepeer.Media.Transcoding;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Livepeer.Media.Http;

/// <summary>
/// The media routes, mountable on any ASP.NET Core app (the broadcaster node reuses them):
/// GET /hls/{stream}/index.m3u8, /hls/{stream}/{rendition}/index.m3u8 and segments; GET /dash/{stream}/manifest.mpd and
/// segments (GET and HEAD); GET /utc (DASH UTCTiming); PUT /live/{stream}/{seq}.ts (push ingest) and DELETE /live/{stream}
/// (end of a pushed stream). CORS and live cache headers included.
/// </summary>
public static partial class MediaEndpoints
{
    /// <summary>Playlist content type (RFC 8216).</summary>
    public const string PlaylistType = "application/vnd.apple.mpegurl";

    /// <summary>MPD content type.</summary>
    public const string MpdType = "application/dash+xml";

    private static readonly string[] GetHead = ["GET", "HEAD"];

    [GeneratedRegex("^[A-Za-z0-9_.-]{1,128}$")]
    private static partial Regex SafeName();

    /// <summary>Adds the CORS headers to every response and answers preflight requests.</summary>
    public static IApplicationBuilder UseMediaCors(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var h = context.Response.Headers;
        h.AccessControlAllowOrigin = "*";
        h.AccessControlExposeHeaders = "Content-Length, Content-Range, Accept-Ranges";
        if (HttpMethods.IsOptions(context.Request.Method))
        {
            h.AccessControlAllowMethods = "GET, HEAD, PUT, DELETE, OPTIONS";
            h.AccessControlAllowHeaders = "Range, Content-Type, Content-Duration, Accept, Authorization";
            h.AccessControlMaxAge = "86400";
            context.Response.StatusCode = StatusCodes.Status204NoContent;
            return;
        }
        await next(context).ConfigureAwait(false);
    });

    /// <summary>Maps the HLS, DASH, UTC and (when <paramref name="push"/> is given) push ingest routes.</summary>
    public static IEndpointRouteBuilder MapLivepeerMedia(this IEndpointRouteBuilder app, HlsStreamStore hls, DashStreamStore dash,
        PushIngest? push = null, TimeProvider? time = null, long maxPushBytes = 64L * 1024 * 1024)
    {
        var clock = time ?? TimeProvider.System;

        app.MapMethods("/hls/{stream}/index.m3u8", GetHead, (string stream, HttpContext ctx) =>
            hls.TryGet(stream, out var s) ? Text(ctx, s.RenderMaster(), PlaylistType) : NotFound($"No HLS stream \"{stream}\"."));

        app.MapMethods("/hls/{stream}/{rendition}/index.m3u8", GetHead, (string stream, string rendition, HttpContext ctx) =>
            hls.TryGet(stream, out var s) && s.RenderVariant(rendition) is { } text ? Text(ctx, text, PlaylistType)
                : NotFound($"No HLS rendition \"{rendition}\" in stream \"{stream}\"."));

        app.MapMethods("/hls/{stream}/{rendition}/{file}", GetHead, (string stream, string rendition, string file, HttpContext ctx) =>
            hls.TryGet(stream, out var s) && s.TryGetSegment(rendition, file, out var data, out var type)
                ? Segment(ctx, data, type) : NotFound($"Segment {rendition}/{file} of \"{stream}\" does not exist or has expired."));

        app.MapMethods("/dash/{stream}/manifest.mpd", GetHead, (string stream, HttpContext ctx) =>
        {
            if (!dash.TryGet(stream, out var s)) return NotFound($"No DASH stream \"{stream}\".");
            var utc = $"{ctx.Request.Scheme}://{ctx.Request.Host}/utc";
            return Text(ctx, s.RenderMpd(utc), MpdType);
        });

        app.MapMethods("/dash/{stream}/{representation}/{file}", GetHead, (string stream, string representation, string file, HttpContext ctx) =>
            dash.TryGet(stream, out var s) && s.TryGet(representation, file, out var data, out var type)
                ? Segment(ctx, data, type)
                : NotFound($"Segment {representation}/{file} of \"{stream}\" does not exist or has expired."));

        app.MapGet("/utc", (HttpContext ctx) =>
        {
            ctx.Response.Headers.CacheControl = "no-store";
            return Results.Text(clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture), "text/plain");
        });

        if (push is not null)
        {
            // go-livepeer's push ingest takes POST as well as PUT.
            app.MapMethods("/live/{stream}/{file}", [HttpMethods.Put, HttpMethods.Post], async (string stream, string file, HttpContext ctx) =>
            {
                if (!SafeName().IsMatch(stream))
                    return Results.BadRequest("Stream names use A-Z a-z 0-9 _ . - only.");
                var mp4 = file.EndsWith(".mp4", StringComparison.Ordinal);
                if (!(mp4 || file.EndsWith(".ts", StringComparison.Ordinal)))
                    return Results.BadRequest($"ignoring file extension: {Path.GetExtension(file)} (PUT or POST /live/{{stream}}/{{seq}}.ts or .mp4)");
                // go-livepeer's rules: a file name that is not a sequence number is segment 0; a Content-Duration that is not
                // a number is go's default of 2000 ms (a missing one is probed).
                if (!long.TryParse(file.AsSpan(0, file.LastIndexOf('.')), NumberStyles.None, CultureInfo.InvariantCulture, out var seq)) seq = 0;
                long? durationMs = null;
                if (ctx.Request.Headers.TryGetValue("Content-Duration", out var cd))
                {
                    if (!long.TryParse(cd.ToString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var ms)) ms = 2000;
                    if (ms <= 0 || ms > 600_000)
                        return Results.BadRequest("Content-Duration must be the segment duration in milliseconds (1..600000).");
                    durationMs = ms;
                }
                var slice = PushSlice.Parse(ctx.Request.Headers[PushSlice.FromHeader], ctx.Request.Headers[PushSlice.ToHeader], out var sliceError);
                if (sliceError is not null) return Results.BadRequest(sliceError);
                Ingest.PublishAuthorization? configuration = null;
                if (ctx.Request.Headers[Ingest.TranscodeConfiguration.Header].ToString() is { Length: > 0 } json)
                {
                    try { configuration = Ingest.TranscodeConfiguration.Parse(json); }
                    catch (Ingest.TranscodeConfigurationException e) { return Results.BadRequest($"failed to parse transcode config header: \"{e.Message}\""); } // go's text
                }
                var body = await ReadBodyAsync(ctx.Request, maxPushBytes, ctx.RequestAborted).ConfigureAwait(false);
                if (body is null) return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
                Pipeline.PipelineResult result;
                try
                {
                    result = mp4 ? await push.IngestMp4Async(stream, seq, body, durationMs, ctx.RequestAborted, slice, configuration).ConfigureAwait(false)
                        : await push.IngestAsync(stream, seq, body, durationMs, ctx.RequestAborted, slice, configuration).ConfigureAwait(false);
                }
                catch (TranscodeException e) { return Results.UnprocessableEntity(e.Error + ": " + e.Message.Split('\n')[0]); }
                catch (TranscodeQueueFullException e) { return Busy(ctx, e); }
                catch (Ingest.PublishRefusedException e) { return Results.Text(e.Message, statusCode: StatusCodes.Status403Forbidden); }
                if (result.Error is TranscodeQueueFullException late) return Busy(ctx, late);
                if (result.Transcoded is null)
                    return result.Error is TranscodeException { Error: TranscodeError.Unavailable } unavailable
                        ? Results.Text("No sessions available: " + unavailable.Message.Split('\n')[0], "text/plain", statusCode: StatusCodes.Status503ServiceUnavailable) // go's 503
                        : Results.Problem(result.Error?.Message.Split('\n')[0], statusCode: StatusCodes.Status500InternalServerError);
                var accept = ctx.Request.Headers.Accept.ToString();
                if (!accept.Contains("multipart/mixed", StringComparison.OrdinalIgnoreCase))
                    return Results.Ok();
                return new MultipartRenditions(result.Transcoded.Renditions, seq);
            });

            // Ends a pushed stream: ENDLIST on its playlists, static MPD.
            app.MapDelete("/live/{stream}", (string stream) =>
                push.End(stream) ? Results.NoContent() : NotFound($"No pushed stream \"{stream}\"."));
        }
        return app;
    }

    // The node's transcode queue cannot finish this push in time: 503 with when to try again, rather than work that times out.
    private static IResult Busy(HttpContext ctx, TranscodeQueueFullException e)
    {
        ctx.Response.Headers.RetryAfter = ((long)e.RetryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        return Results.Text(e.Message, "text/plain", statusCode: StatusCodes.Status503ServiceUnavailable);
    }

    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, long max, CancellationToken ct)
    {
        if (request.ContentLength > max) return null;
        using var ms = new MemoryStream();
        var buffer = new byte[81920];
        int n;
        while ((n = await request.Body.ReadAsync(buffer, ct).ConfigureAwait(false)) > 0)
        {
            if (ms.Length + n > max) return null;
            ms.Write(buffer, 0, n);
        }
        return ms.ToArray();
    }

    private static IResult Text(HttpContext ctx, string text, string type)
    {
        // Live playlists change every segment: always revalidate.
        ctx.Response.Headers.CacheControl = "no-cache";
        // Protected playback: the URIs inside carry the token this playlist was fetched with.
        if (PlaybackProtection.GrantedToken(ctx) is { } token)
            text = type == MpdType ? PlaylistTokens.RewriteMpd(text, token) : PlaylistTokens.RewriteHls(text, token);
        return Results.Text(text, type, Encoding.UTF8);
    }

    private static IResult Segment(HttpContext ctx, ReadOnlyMemory<byte> data, string type)
    {
        // A segment's bytes never change once published.
        ctx.Response.Headers.CacheControl = "public, max-age=3600, immutable";
        var bytes = MemoryMarshal.TryGetArray(data, out var seg) && seg.Offset == 0 && seg.Count == seg.Array!.Length ? seg.Array : data.ToArray();
        return Results.Bytes(bytes, type, enableRangeProcessing: true);
    }

    private static IResult NotFound(string message) => Results.Text(message, "text/plain", statusCode: StatusCodes.Status404NotFound);
}
