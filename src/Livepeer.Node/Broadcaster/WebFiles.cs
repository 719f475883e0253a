using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Livepeer.Node.Broadcaster;

/// <summary>Serves the dashboard's static files: / (index.html), top-level files and vendor/ scripts, nothing outside the root.</summary>
public static class WebFiles
{
    private static readonly Dictionary<string, string> Types = new(StringComparer.OrdinalIgnoreCase)
    {
        [".html"] = "text/html; charset=utf-8", [".js"] = "text/javascript; charset=utf-8", [".css"] = "text/css; charset=utf-8",
        [".svg"] = "image/svg+xml", [".png"] = "image/png", [".json"] = "application/json", [".map"] = "application/json",
    };

    /// <summary>Maps the routes for the files under <paramref name="root"/>.</summary>
    public static void Map(IEndpointRouteBuilder app, string root)
    {
        var full = Path.GetFullPath(root);
        app.MapGet("/", context => Send(context, Path.Combine(full, "index.html")));
        app.MapGet("/{file}", (HttpContext context, string file) => Send(context, Path.Combine(full, file)));
        app.MapGet("/vendor/{file}", (HttpContext context, string file) => Send(context, Path.Combine(full, "vendor", file)));
    }

    private static async Task Send(HttpContext context, string path)
    {
        // Route values are single segments, but refuse anything that resolves outside the root all the same.
        if (!Types.TryGetValue(Path.GetExtension(path), out var type) || path.Contains("..", StringComparison.Ordinal) || !File.Exists(path))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        context.Response.ContentType = type;
        context.Response.Headers.CacheControl = "no-cache";
        await context.Response.SendFileAsync(path, context.RequestAborted);
    }
}
