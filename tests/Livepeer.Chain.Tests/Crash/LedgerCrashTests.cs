using System.Diagnostics;
using System.Text.Json.Nodes;
using Livepeer.Chain.Execution;
using Livepeer.Chain.Transactions;
using Livepeer.Core;
using Livepeer.Core.Crypto;
using Livepeer.Protocol.Genesis;
using Livepeer.Protocol.Parameters;
using Xunit.Abstractions;

namespace Livepeer.Chain.Tests.Crash;

/// <summary>
/// The real <c>livepeer chain</c> process is flooded with signed transactions from several senders and SIGKILLed at
/// random moments, again and again, on the same data directory. After every restart: each transaction whose receipt was
/// returned is still in the same block, nonces resume where the chain says, and a fresh replay of every block from
/// genesis reproduces every recorded state hash and the node's current one.
/// </summary>
public sealed class LedgerCrashTests(ITestOutputHelper output) : IDisposable
{
    private const ulong ChainId = 31337;
    private const int Cycles = 12;
    private const int Senders = 6;
    private const string BlockTime = "100ms";
    // Small, so most restarts restore a snapshot and replay only the blocks after it (the path a long-lived chain takes).
    private const int SnapshotInterval = 16;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly string _dir = Directory.CreateTempSubdirectory("ledger-crash-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task KillNineDuringAFloodLosesNoAcknowledgedTransactionAndReplaysToTheSameState()
    {
        var random = new Random(20261123);
        var keys = Enumerable.Range(0, Senders).Select(_ => PrivateKey.Generate(random.NextBytes)).ToList();
        var recipients = Enumerable.Range(0, Senders).Select(_ => PrivateKey.Generate(random.NextBytes).Address).ToList();
        var genesisFile = Path.Combine(_dir, "genesis.json");
        await File.WriteAllTextAsync(genesisFile, GenesisJson(keys));
        var genesis = GenesisBuilder.Build(GenesisFile.Parse(await File.ReadAllTextAsync(genesisFile)));
        var codec = new TransactionCodec(CallCatalog.Protocol(), ChainId);
        var dataDir = Path.Combine(_dir, "data");
        var database = Path.Combine(dataDir, "chain", "chain.db");
        var flood = new TransactionFlood(codec, keys, recipients, pipeline: 6);
        var clock = Stopwatch.StartNew();

        var node = await LedgerProcess.StartAsync(dataDir, genesisFile, BlockTime, SnapshotInterval, ChainId, StartTimeout);
        try
        {
            for (var cycle = 1; cycle <= Cycles; cycle++)
            {
                using var stopFlood = new CancellationTokenSource();
                var flooding = flood.RunAsync(node.Rpc, stopFlood.Token);
                // Early kills hit start-up and the first blocks; later ones land mid-commit under load.
                await Task.Delay(TimeSpan.FromMilliseconds(random.Next(200, 3500)));
                await node.KillAsync();
                await stopFlood.CancelAsync();
                await flooding;
                node.Dispose();

                var replay = ChainReplay.FromCopy(database, Path.Combine(_dir, "replay"), genesis, codec);
                foreach (var ack in flood.Acknowledged.Values)
                {
                    Assert.True(replay.Included.TryGetValue(ack.Hash, out var block), $"Cycle {cycle}: acknowledged transaction {ack.Hash} (nonce {ack.Nonce} of {ack.Sender}) is not in the chain after the kill.");
                    Assert.Equal(ack.BlockNumber, block);
                }

                // Every third restart is itself killed part-way (opening the store, replaying, or already sealing empty blocks).
                if (cycle % 3 == 0)
                    await LedgerProcess.KillDuringStartAsync(dataDir, genesisFile, BlockTime, SnapshotInterval, ChainId, TimeSpan.FromMilliseconds(random.Next(100, 1500)));
                node = await LedgerProcess.StartAsync(dataDir, genesisFile, BlockTime, SnapshotInterval, ChainId, StartTimeout);
                await CheckRestartedNodeAsync(node.Rpc, replay, flood, keys, random, cycle);
                output.WriteLine($"cycle {cycle}: head {replay.Head.Number}, {replay.Included.Count} transactions in blocks, {flood.Acknowledged.Count} acknowledged, {flood.Submitted} admitted, {clock.Elapsed.TotalSeconds:F1} s");
            }
            Assert.True(flood.Acknowledged.Count >= Cycles * Senders, $"The flood got only {flood.Acknowledged.Count} transactions acknowledged; the test exercised too little.");
        }
        finally
        {
            node.Dispose();
        }
    }

    private static async Task CheckRestartedNodeAsync(Uri rpc, ReplayResult replay, TransactionFlood flood, IReadOnlyList<PrivateKey> keys, Random random, int cycle)
    {
        using var client = new LedgerRpcClient(rpc);
        var ct = CancellationToken.None;

        // The restarted node has the replayed head (it may have sealed empty blocks since) with the same hash and state.
        Assert.True(TransactionFlood.Quantity(await client.CallAsync("lp_blockNumber", [], ct)) >= replay.Head.Number);
        var head = await client.CallAsync("lp_getBlockByNumber", [replay.Head.Number, false], ct);
        Assert.Equal(replay.Head.Hash, Hash.Parse(head.GetProperty("hash").GetString()!));
        Assert.Equal(replay.StateHash, Hash.Parse(head.GetProperty("stateRoot").GetString()!));
        Assert.Equal(replay.StateHash, Hash.Parse((await client.CallAsync("lp_getStateHash", [], ct)).GetString()!));

        // Nonces resume at one past the last included transaction, never below an acknowledged one.
        foreach (var key in keys)
        {
            var pending = (ulong)TransactionFlood.Quantity(await client.CallAsync("lp_getTransactionCount", [key.Address.ToString(), "pending"], ct));
            Assert.Equal(replay.NextNonces.GetValueOrDefault(key.Address), pending);
            var acked = flood.Acknowledged.Values.Where(a => a.Sender == key.Address).Select(a => a.Nonce + 1).DefaultIfEmpty(0UL).Max();
            Assert.True(pending >= acked, $"Cycle {cycle}: {key.Address} resumes at nonce {pending} but nonce {acked - 1} was acknowledged.");
        }

        // The node serves the receipts it acknowledged (a sample; the replay above checked all of them in the file).
        foreach (var ack in flood.Acknowledged.Values.OrderBy(_ => random.Next()).Take(40))
        {
            var receipt = await client.CallAsync("lp_getTransactionReceipt", [ack.Hash.ToString()], ct);
            Assert.True(receipt.ValueKind == System.Text.Json.JsonValueKind.Object, $"Cycle {cycle}: no receipt for acknowledged {ack.Hash}.");
            Assert.Equal(ack.BlockNumber, TransactionFlood.Quantity(receipt.GetProperty("blockNumber")));
            Assert.Equal(ack.BlockHash, Hash.Parse(receipt.GetProperty("blockHash").GetString()!));
        }
    }

    private static string GenesisJson(IReadOnlyList<PrivateKey> keys) => new JsonObject
    {
        ["preset"] = "devnet",
        ["allocations"] = new JsonArray(keys.Select((k, i) => (JsonNode)new JsonObject
        {
            ["label"] = $"sender{i}",
            ["address"] = k.Address.ToString(),
            ["amount"] = ProtocolParameters.Lpt(1_000_000).ToString(),
        }).ToArray()),
        ["eth"] = new JsonArray(keys.Select(k => (JsonNode)new JsonObject
        {
            ["address"] = k.Address.ToString(),
            ["amount"] = ProtocolParameters.Lpt(1_000).ToString(),
        }).ToArray()),
    }.ToJsonString();
}
