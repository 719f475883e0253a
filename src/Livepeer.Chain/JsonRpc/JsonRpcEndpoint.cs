using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Livepeer.Chain.JsonRpc;

/// <summary>Mounts a <see cref="JsonRpcDispatcher"/> on HTTP POST at a path (the ledger uses "/").</summary>
public static class JsonRpcEndpoint
{
    /// <summary>Largest request body accepted; bigger ones get an invalid-request error without being read whole.</summary>
    public const int MaxBodyBytes = 1024 * 1024;

    /// <summary>Maps POST <paramref name="pattern"/> to the dispatcher.</summary>
    public static IEndpointConventionBuilder MapJsonRpc(this IEndpointRouteBuilder endpoints, string pattern, JsonRpcDispatcher dispatcher) =>
        endpoints.MapPost(pattern, async context =>
        {
            var body = await ReadBodyAsync(context.Request, context.RequestAborted);
            string? response = body is null
                ? $"{{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{{\"code\":{JsonRpcException.InvalidRequest},\"message\":\"Request body is larger than {MaxBodyBytes} bytes.\"}}}}"
                : await dispatcher.HandleAsync(body, context.RequestAborted);
            if (response is null)
            {
                context.Response.StatusCode = StatusCodes.Status204NoContent;
                return;
            }
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(response, context.RequestAborted);
        });

    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBodyBytes) return null;
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes) return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }
}
