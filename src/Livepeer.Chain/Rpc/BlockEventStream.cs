using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Livepeer.Chain.Rpc;

/// <summary>Server-sent events of new blocks and their events, so wallets and dashboards need not poll.</summary>
public static class BlockEventStream
{
    /// <summary>Maps GET <paramref name="pattern"/> to a text/event-stream with one "block" event per sealed block.</summary>
    public static IEndpointConventionBuilder MapBlockEvents(this IEndpointRouteBuilder endpoints, string pattern, Sequencer sequencer) =>
        endpoints.MapGet(pattern, async context =>
        {
            context.Response.ContentType = "text/event-stream";
            context.Response.Headers.CacheControl = "no-cache";
            context.Response.Headers["X-Accel-Buffering"] = "no";
            // End the stream when the client leaves or the server stops, so shutdown never waits on open subscribers.
            var stopping = context.RequestServices.GetService<IHostApplicationLifetime>()?.ApplicationStopping ?? CancellationToken.None;
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
            var ct = linked.Token;
            var blocks = sequencer.Subscribe(ct);
            await context.Response.WriteAsync(": subscribed\n\n", ct);
            await context.Response.Body.FlushAsync(ct);
            try
            {
                await foreach (var block in blocks.ReadAllAsync(ct))
                {
                    var json = LedgerRpcMethods.BlockJson(block, fullTransactions: false);
                    json["events"] = new JsonArray(block.Transactions
                        .SelectMany(t => t.Receipt.Events.Select(e => (JsonNode)new JsonObject { ["transactionHash"] = t.Hash.ToString(), ["event"] = e.Name, ["args"] = JsonNode.Parse(e.Json) }))
                        .ToArray());
                    await context.Response.WriteAsync($"id: {block.Number}\nevent: block\ndata: {json.ToJsonString()}\n\n", ct);
                    await context.Response.Body.FlushAsync(ct);
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
            }
        });
}
