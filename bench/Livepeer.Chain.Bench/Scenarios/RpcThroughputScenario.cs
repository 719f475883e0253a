using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Livepeer.Chain.Hosting;
using Livepeer.Core;

namespace Livepeer.Chain.Bench.Scenarios;

/// <summary>
/// End-to-end throughput over JSON-RPC HTTP: a LedgerNode (store, sequencer at 200 ms blocks, Kestrel on 127.0.0.1)
/// and concurrent clients each owning a set of senders, sending pre-signed lp_sendRawTransaction calls as fast as they
/// are answered. At the end every client waits for its last receipt, so the figure counts committed transactions.
/// </summary>
internal static class RpcThroughputScenario
{
    public static async Task<int> RunAsync(int seconds, int clients)
    {
        const int senders = 1000;
        using var ledger = new BenchLedger(senders);
        var perSender = (int)Math.Ceiling(seconds * 5000.0 / senders);
        var queues = BenchLedger.Partition(ledger.PreSign(perSender), clients);
        var options = new LedgerOptions
        {
            DataDirectory = Path.Combine(ledger.Directory, "node"),
            Rpc = "127.0.0.1:0",
            GenesisFile = ledger.WriteGenesisFile(),
            ChainId = BenchLedger.ChainId,
            BlockTime = TimeSpan.FromMilliseconds(200),
        };
        await using var node = await LedgerNode.StartAsync(options, TimeProvider.System);
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = clients }) { BaseAddress = node.RpcUri };
        var duration = TimeSpan.FromSeconds(seconds);
        var clock = Stopwatch.StartNew();
        var counts = await Task.WhenAll(queues.Select(async queue =>
        {
            long sent = 0;
            string? last = null;
            while (clock.Elapsed < duration && queue.TryDequeue(out var raw))
            {
                var result = await CallAsync(http, "lp_sendRawTransaction", [Hex.Encode(raw)]);
                last = result.GetProperty("hash").GetString();
                sent++;
            }
            if (last is not null) await CallAsync(http, "lp_waitForTransactionReceipt", [last, 30_000]);
            return sent;
        }));
        var elapsed = clock.Elapsed;
        var total = counts.Sum();
        Console.WriteLine($"JSON-RPC: {total:N0} transactions sent and committed over {elapsed.TotalSeconds:F1} s = {total / elapsed.TotalSeconds:N0} tx/s ({clients} concurrent clients, one request per transaction, block time 200 ms)");
        return 0;
    }

    private static async Task<JsonElement> CallAsync(HttpClient http, string method, object[] parameters)
    {
        var request = new JsonObject { ["jsonrpc"] = "2.0", ["id"] = 1, ["method"] = method, ["params"] = JsonSerializer.SerializeToNode(parameters) };
        using var response = await http.PostAsJsonAsync("/", request);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        if (body.TryGetProperty("error", out var error)) throw new InvalidOperationException($"{method}: {error.GetRawText()}");
        return body.GetProperty("result").Clone();
    }
}
