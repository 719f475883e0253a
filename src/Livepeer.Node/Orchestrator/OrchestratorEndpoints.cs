using Google.Protobuf;
using Livepeer.Wire.Segments;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Messages = Livepeer.Wire.Messages;

namespace Livepeer.Node.Orchestrator;

/// <summary>The orchestrator's HTTP side: POST /segment (go-livepeer's segment protocol) and rendition downloads.</summary>
public static class OrchestratorEndpoints
{
    /// <summary>Maps the endpoints onto <paramref name="app"/>.</summary>
    public static IEndpointRouteBuilder MapOrchestrator(this IEndpointRouteBuilder app, OrchestratorCore core, int maxSegmentBytes)
    {
        var downloads = new HttpClient(new SocketsHttpHandler { SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true } }) { Timeout = TimeSpan.FromSeconds(8) };
        async Task<byte[]?> fetch(string url, int max, CancellationToken ct)
        {
            if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")) return null;
            try
            {
                using var response = await downloads.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, ct);
                if (!response.IsSuccessStatusCode) return null;
                return await ReadBodyAsync(await response.Content.ReadAsStreamAsync(ct), response.Content.Headers.ContentLength, max, ct);
            }
            catch (HttpRequestException) { return null; }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested) { return null; }
        }

        app.MapPost(SegmentHeaders.SegmentPath, async context =>
        {
            // Read only once the credentials and the payment passed (as go): the upload, or the segment at the URL a go
            // broadcaster with external storage sends instead of the bytes.
            async Task<byte[]> readBody(CancellationToken ct)
            {
                var body = await ReadBodyAsync(context.Request.Body, context.Request.ContentLength, maxSegmentBytes, ct)
                    ?? throw new OrchestratorRefusal(RefusalKind.TooLarge, $"The segment is larger than {maxSegmentBytes} bytes.");
                if (context.Request.ContentType != SegmentHeaders.MediaTypeUri) return body;
                return await fetch(System.Text.Encoding.UTF8.GetString(body), maxSegmentBytes, ct)
                    ?? throw new OrchestratorRefusal(RefusalKind.BadRequest, "BadRequest: the segment URL could not be downloaded.");
            }
            AcceptedSegment accepted;
            try { accepted = await core.AcceptSegmentAsync(context.Request.Headers[SegmentHeaders.Segment], context.Request.Headers[SegmentHeaders.Payment], readBody, context.RequestAborted); }
            catch (OrchestratorRefusal e)
            {
                await Refuse(context, e.HttpStatus, e.Message);
                return;
            }
            // As go-livepeer: 200 once the segment is accepted, before transcoding (its broadcasters give up on headers after
            // max(2 s, half the segment's duration)); transcoding errors come back in the TranscodeResult.
            context.Response.StatusCode = 200;
            context.Response.ContentType = SegmentHeaders.MediaTypeProtobuf;
            await context.Response.StartAsync(context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            Messages.TranscodeResult result;
            try { result = await core.TranscodeAsync(accepted, context.RequestAborted); }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The status line is gone: whatever fails now must still come back as a result, or the broadcaster sees a broken body.
                result = new Messages.TranscodeResult { Seq = accepted.Seg.Seq, Error = $"orchestrator error: {e.Message}" };
            }
            await context.Response.Body.WriteAsync(result.ToByteArray(), context.RequestAborted);
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

    private static async Task<byte[]?> ReadBodyAsync(Stream source, long? length, int max, CancellationToken ct)
    {
        if (length > max) return null;
        using var buffer = new MemoryStream();
        var chunk = new byte[64 * 1024];
        int read;
        while ((read = await source.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > max) return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }
}
