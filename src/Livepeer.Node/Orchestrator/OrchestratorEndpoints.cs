using Google.Protobuf;
using Livepeer.Wire.Segments;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Livepeer.Node.Orchestrator;

/// <summary>The orchestrator's HTTP side: POST /segment (go-livepeer's segment protocol) and rendition downloads.</summary>
public static class OrchestratorEndpoints
{
    /// <summary>Maps the endpoints onto <paramref name="app"/>.</summary>
    public static IEndpointRouteBuilder MapOrchestrator(this IEndpointRouteBuilder app, OrchestratorCore core, int maxSegmentBytes)
    {
        app.MapPost(SegmentHeaders.SegmentPath, async context =>
        {
            var body = await ReadBodyAsync(context.Request, maxSegmentBytes, context.RequestAborted);
            if (body is null)
            {
                await Refuse(context, 413, $"The segment is larger than {maxSegmentBytes} bytes.");
                return;
            }
            try
            {
                var result = await core.ProcessSegmentAsync(context.Request.Headers[SegmentHeaders.Segment], context.Request.Headers[SegmentHeaders.Payment], body, context.RequestAborted);
                context.Response.ContentType = SegmentHeaders.MediaTypeProtobuf;
                await context.Response.Body.WriteAsync(result.ToByteArray(), context.RequestAborted);
            }
            catch (OrchestratorRefusal e)
            {
                await Refuse(context, e.HttpStatus, e.Message);
            }
        });
        app.MapGet("/stream/{session}/{seq:long}/{file}", async (HttpContext context, string session, long seq, string file) =>
        {
            if (core.Renditions.Get($"/stream/{session}/{seq}/{file}") is not { } item)
            {
                await Refuse(context, 404, "No such rendition (it may have expired).");
                return;
            }
            context.Response.ContentType = item.ContentType;
            context.Response.ContentLength = item.Data.Length;
            await context.Response.Body.WriteAsync(item.Data, context.RequestAborted);
        });
        return app;
    }

    private static async Task Refuse(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync(message, context.RequestAborted);
    }

    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, int max, CancellationToken ct)
    {
        if (request.ContentLength > max) return null;
        using var buffer = new MemoryStream();
        var chunk = new byte[64 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > max) return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }
}
