using System.Globalization;
using Livepeer.Wire.Segments;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;

namespace Livepeer.Node.Orchestrator.Transcoders;

/// <summary>The pool's HTTP side: GET /segment-source/{task}/{token} (transcoders fetch sources) and POST /transcodeResults.</summary>
public static class TranscoderPoolEndpoints
{
    /// <summary>Maps the endpoints onto <paramref name="app"/>.</summary>
    public static IEndpointRouteBuilder MapTranscoderPool(this IEndpointRouteBuilder app, TranscoderPool pool)
    {
        app.MapGet("/segment-source/{taskId:long}/{token}", async (HttpContext context, long taskId, string token) =>
        {
            if (pool.Source(taskId, token) is not { } data)
            {
                await Refuse(context, 404, "No such task (it finished, moved or never existed).");
                return;
            }
            context.Response.ContentType = SegmentHeaders.MediaTypeMpegTs;
            context.Response.ContentLength = data.Length;
            await context.Response.Body.WriteAsync(data, context.RequestAborted);
        });
        app.MapPost(SegmentHeaders.TranscodeResultsPath, async context =>
        {
            var request = context.Request;
            // go-livepeer's order and answers: the protocol version in Authorization, then the secret, both 401 "Unauthorized".
            if (request.Headers[SegmentHeaders.Authorization].ToString() != SegmentHeaders.TranscoderAuthorization)
            {
                await Refuse(context, 401, $"Unauthorized: send {SegmentHeaders.Authorization}: {SegmentHeaders.TranscoderAuthorization}.");
                return;
            }
            if (!pool.IsSecret(request.Headers[SegmentHeaders.Credentials].ToString()))
            {
                await Refuse(context, 401, "Unauthorized: wrong Credentials; send the orchestrator secret the transcoder registered with.");
                return;
            }
            if (!long.TryParse(request.Headers[SegmentHeaders.TaskId].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var taskId))
            {
                await Refuse(context, 400, "Missing or malformed TaskId header: send the taskId of the NotifySegment.");
                return;
            }
            if (!pool.IsPending(taskId))
            {
                await Refuse(context, 404, $"Unknown task {taskId}: it finished, timed out or moved to another transcoder.");
                return;
            }
            // Results of a whole ladder may exceed the segment limit Kestrel applies to every request.
            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = pool.Options.MaxResultBytes;
            try
            {
                var (renditions, error) = await TranscodeResults.ReadAsync(request.ContentType, request.Body, pool.Options.MaxResultBytes, context.RequestAborted);
                if (pool.Complete(taskId, renditions, error) is { } wrong)
                {
                    await Refuse(context, 400, wrong);
                    return;
                }
            }
            catch (Exception e) when (e is FormatException or IOException or InvalidDataException)
            {
                pool.Complete(taskId, null, $"malformed result: {e.Message}");
                await Refuse(context, 400, $"Malformed result: {e.Message}");
                return;
            }
            context.Response.StatusCode = 200;
        });
        return app;
    }

    private static async Task Refuse(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync(message, context.RequestAborted);
    }
}
