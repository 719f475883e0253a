using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Livepeer.Chain.Execution;
using Livepeer.Chain.Sequencing;
using Livepeer.Chain.Storage;
using Livepeer.Chain.Transactions;
using Livepeer.Core;
using Livepeer.Core.Crypto;
using Livepeer.Protocol.Calls;
using Livepeer.Protocol.Genesis;
using Livepeer.Protocol.Parameters;
using Livepeer.Protocol.State;

namespace Livepeer.Chain.Bench.Scenarios;

/// <summary>
/// A benchmark chain: many funded senders (deterministic keys), its genesis, codec and a temp directory, plus
/// pre-signed transfers so the measured part never pays for signing (that is the client's cost).
/// </summary>
internal sealed class BenchLedger : IDisposable
{
    public const ulong ChainId = 777;

    public BenchLedger(int senders, int seed = 1)
    {
        var random = new Random(seed);
        Senders = Enumerable.Range(0, senders).Select(_ => PrivateKey.Generate(random.NextBytes)).ToArray();
        Recipients = Enumerable.Range(0, 16).Select(_ => PrivateKey.Generate(random.NextBytes).Address).ToArray();
        Spec = new GenesisSpec
        {
            Parameters = ProtocolParameters.Devnet,
            StartBlock = 0,
            Allocations = [.. Senders.Select((k, i) => new GenesisAllocation($"s{i}", k.Address, ProtocolParameters.Lpt(1_000_000), 0, 0, 0))],
            Eth = [.. Senders.Select(k => (k.Address, ProtocolParameters.Lpt(1_000)))],
        };
        Directory = System.IO.Directory.CreateTempSubdirectory("ledger-bench-").FullName;
    }

    public PrivateKey[] Senders { get; }
    public Address[] Recipients { get; }
    public GenesisSpec Spec { get; }
    public string Directory { get; }
    public TransactionCodec Codec { get; } = new(CallCatalog.Protocol(), ChainId);
    public string DatabasePath => Path.Combine(Directory, "chain.db");

    public ProtocolState Genesis() => GenesisBuilder.Build(Spec);

    /// <summary>Opens the store and starts a sequencer on it (recovering when the store has blocks).</summary>
    public (ChainStore Store, ProtocolExecutor Executor, Sequencer Sequencer) Open(SequencerOptions options)
    {
        var store = ChainStore.Open(DatabasePath);
        var executor = new ProtocolExecutor(Genesis());
        var sequencer = new Sequencer(store, executor, Codec, options, TimeProvider.System);
        sequencer.Start();
        return (store, executor, sequencer);
    }

    /// <summary>The genesis as a JSON file for <c>livepeer chain</c> / LedgerNode.</summary>
    public string WriteGenesisFile()
    {
        var path = Path.Combine(Directory, "genesis.json");
        File.WriteAllText(path, new JsonObject
        {
            ["preset"] = "devnet",
            ["allocations"] = new JsonArray([.. Senders.Select(k => (JsonNode)new JsonObject { ["address"] = k.Address.ToString(), ["amount"] = ProtocolParameters.Lpt(1_000_000).ToString() })]),
            ["eth"] = new JsonArray([.. Senders.Select(k => (JsonNode)new JsonObject { ["address"] = k.Address.ToString(), ["amount"] = ProtocolParameters.Lpt(1_000).ToString() })]),
        }.ToJsonString());
        return path;
    }

    /// <summary>
    /// Signs <paramref name="perSender"/> transfers for each sender starting at <paramref name="firstNonce"/>, on all
    /// cores. Result[s] is sender s's transactions in nonce order.
    /// </summary>
    public byte[][][] PreSign(int perSender, ulong firstNonce = 0)
    {
        var result = new byte[Senders.Length][][];
        Parallel.For(0, Senders.Length, s =>
        {
            var txs = new byte[perSender][];
            for (var i = 0; i < perSender; i++)
            {
                var nonce = firstNonce + (ulong)i;
                object call = nonce % 2 == 0
                    ? new TransferCall(Recipients[(s + i) % Recipients.Length], (UInt256)1000)
                    : new SendEthCall(Recipients[(s + i) % Recipients.Length], (UInt256)7);
                txs[i] = Codec.Encode(call, nonce, Senders[s]);
            }
            result[s] = txs;
        });
        return result;
    }

    /// <summary>Splits per-sender queues among <paramref name="workers"/> so each worker keeps its senders' nonces in order.</summary>
    public static ConcurrentQueue<byte[]>[] Partition(byte[][][] bySender, int workers)
    {
        var queues = Enumerable.Range(0, workers).Select(_ => new ConcurrentQueue<byte[]>()).ToArray();
        var longest = bySender.Max(s => s.Length);
        // Interleave senders round-robin so consecutive transactions come from different senders, as a real flood would.
        for (var i = 0; i < longest; i++)
            for (var s = 0; s < bySender.Length; s++)
                if (i < bySender[s].Length) queues[s % workers].Enqueue(bySender[s][i]);
        return queues;
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { System.IO.Directory.Delete(Directory, recursive: true); } catch (IOException) { }
    }
}
