using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Livepeer.Media.Http;

/// <summary>
/// Playback protection: every request under /hls/{stream}/, /dash/{stream}/ and /recordings/{stream}/ needs a token for
/// {stream} (<c>?token=</c>, or <c>Authorization: Bearer</c>); missing is 401, malformed, for another stream or expired is
/// 403. The accepted token is kept on the request so the playlists served rewrite their URIs to carry it.
/// </summary>
public static class PlaybackProtection
{
    /// <summary>The query parameter that carries a token.</summary>
    public const string QueryName = "token";

    private static readonly object GrantKey = new();
    private static readonly string[] Prefixes = ["hls", "dash", "recordings"];

    /// <summary>Checks the token of every request for a stream's playlists and segments; everything else passes untouched.</summary>
    public static IApplicationBuilder UsePlaybackTokens(this IApplicationBuilder app, PlaybackTokens tokens) => app.Use(async (context, next) =>
    {
        if (HttpMethods.IsOptions(context.Request.Method) || StreamOf(context.Request.Path) is not { } stream)
        {
            await next(context).ConfigureAwait(false);
            return;
        }
        var (token, fromHeader) = TokenOf(context.Request);
        var check = tokens.Check(stream, token);
        string reason;
        switch (check)
        {
            case PlaybackTokenCheck.Valid:
                context.Items[GrantKey] = token;
                // A shared cache may answer later requests with a "public" response to an authorized one: keep it private
                // when the token is not in the URL (a token in the URL keys the cache entry by itself).
                if (fromHeader)
                    context.Response.OnStarting(() =>
                    {
                        var cache = context.Response.Headers.CacheControl.ToString();
                        if (cache.Contains("public", StringComparison.Ordinal)) context.Response.Headers.CacheControl = cache.Replace("public", "private", StringComparison.Ordinal);
                        return Task.CompletedTask;
                    });
                await next(context).ConfigureAwait(false);
                return;
            case PlaybackTokenCheck.Missing:
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                context.Response.Headers.WWWAuthenticate = "Bearer";
                reason = $"Playback of \"{stream}\" needs a token: add ?{QueryName}=TOKEN (minted with `livepeer playback-token`).";
                break;
            case PlaybackTokenCheck.Malformed:
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                reason = "The playback token is malformed (expected EXPIRY.SIGNATURE).";
                break;
            case PlaybackTokenCheck.BadSignature:
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                reason = $"The playback token is not valid for \"{stream}\".";
                break;
            case PlaybackTokenCheck.Expired:
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                reason = "The playback token has expired.";
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(tokens), check, "Unknown playback token check.");
        }
        context.Response.ContentType = "text/plain; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        if (!HttpMethods.IsHead(context.Request.Method)) await context.Response.WriteAsync(reason, context.RequestAborted).ConfigureAwait(false);
    });

    /// <summary>The token this request was let in with, or null when playback is not protected.</summary>
    public static string? GrantedToken(HttpContext context) => context.Items.TryGetValue(GrantKey, out var token) ? token as string : null;

    // "/hls/{stream}/..." -> stream; null for paths outside the protected prefixes.
    private static string? StreamOf(PathString path)
    {
        var parts = (path.Value ?? "").Split('/');
        return parts.Length >= 4 && parts[0].Length == 0 && Prefixes.Contains(parts[1], StringComparer.Ordinal) && parts[2].Length > 0 ? parts[2] : null;
    }

    private static (string? Token, bool FromHeader) TokenOf(HttpRequest request)
    {
        if (request.Query[QueryName].ToString() is { Length: > 0 } query) return (query, false);
        var auth = request.Headers[HeaderNames.Authorization].ToString();
        return auth.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && auth[7..].Trim() is { Length: > 0 } bearer ? (bearer, true) : (null, false);
    }
}
