using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Prometheus;

namespace Livepeer.Hosting;

/// <summary>Serves a node's own metrics registry at GET /metrics and its status document at GET /status.</summary>
public static class MetricsEndpoint
{
    /// <summary>The Prometheus text exposition format, version 0.0.4.</summary>
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    /// <summary>Maps GET /metrics to <paramref name="registry"/> (never the static default registry: several nodes may share a process).</summary>
    public static IEndpointRouteBuilder MapMetrics(this IEndpointRouteBuilder app, CollectorRegistry registry)
    {
        app.MapGet("/metrics", async context =>
        {
            context.Response.ContentType = ContentType;
            context.Response.Headers.CacheControl = "no-store";
            await registry.CollectAndExportAsTextAsync(context.Response.Body, context.RequestAborted);
        });
        return app;
    }

    /// <summary>Maps GET <paramref name="path"/> to the JSON document <paramref name="status"/> builds.</summary>
    public static IEndpointRouteBuilder MapStatus(this IEndpointRouteBuilder app, Func<CancellationToken, Task<JsonObject>> status, string path = "/status")
    {
        app.MapGet(path, async context =>
        {
            var document = await status(context.RequestAborted);
            context.Response.ContentType = "application/json";
            context.Response.Headers.CacheControl = "no-store";
            await context.Response.WriteAsync(document.ToJsonString(), context.RequestAborted);
        });
        return app;
    }
}
