using System.Diagnostics;
using System.Text.Json.Nodes;
using Livepeer.Core.Crypto;
using Livepeer.Core.Crypto.Eip712;
using Livepeer.Chain.Sequencing;

namespace Livepeer.Chain.Bench.Scenarios;

/// <summary>Single-threaded cost of each step a transaction goes through, to see which one bounds throughput.</summary>
internal static class CostScenario
{
    public static int Run()
    {
        using var ledger = new BenchLedger(senders: 1000);
        const int perSender = 5;
        var sw = Stopwatch.StartNew();
        var signed = ledger.PreSign(perSender);
        var count = ledger.Senders.Length * perSender;
        Console.WriteLine($"sign (parallel, {Environment.ProcessorCount} cores): {sw.Elapsed.TotalMicroseconds / count:F1} us/tx wall");

        var flat = BenchLedger.Partition(signed, 1)[0].ToArray();
        sw.Restart();
        var decoded = flat.Select(ledger.Codec.Decode).ToArray();
        Console.WriteLine($"decode (JSON + EIP-712 + ecrecover): {sw.Elapsed.TotalMicroseconds / count:F1} us/tx");

        {
            // The same decode, step by step.
            var n = flat.Length;
            var texts = new string[n]; var sigs = new string[n];
            sw.Restart();
            for (var i = 0; i < n; i++)
            {
                var root = (JsonObject)JsonNode.Parse(flat[i])!;
                texts[i] = root["typedData"]!.ToJsonString(); sigs[i] = root["signature"]!.GetValue<string>();
            }
            Console.WriteLine($"  envelope JsonNode parse + ToJsonString: {sw.Elapsed.TotalMicroseconds / n:F1} us");
            var typed = new TypedData[n];
            sw.Restart();
            for (var i = 0; i < n; i++) typed[i] = TypedData.Parse(texts[i]);
            Console.WriteLine($"  TypedData.Parse (incl. digest): {sw.Elapsed.TotalMicroseconds / n:F1} us");
            sw.Restart();
            for (var i = 0; i < n; i++) typed[i].Recover(Signature.Parse(sigs[i]));
            Console.WriteLine($"  signature parse + ecrecover: {sw.Elapsed.TotalMicroseconds / n:F1} us");
        }
        var (store, executor, _) = ledger.Open(new SequencerOptions());
        using (store)
        {
            var context = new PendingBlockContext(1, Livepeer.Core.Hash.Zero, DateTimeOffset.UtcNow.ToUnixTimeSeconds());
            sw.Restart();
            foreach (var tx in decoded) executor.Execute(context, tx);
            Console.WriteLine($"execute (protocol + events JSON): {sw.Elapsed.TotalMicroseconds / count:F1} us/tx");
            sw.Restart();
            for (var i = 0; i < 20; i++) executor.StateHash();
            Console.WriteLine($"state hash ({executor.Snapshot().Length:N0} bytes of state, {ledger.Senders.Length} accounts): {sw.Elapsed.TotalMilliseconds / 20:F2} ms");

            // The SQLite part of a commit alone: blocks of 1000 transactions with their receipts and events.
            var head = store.GetBlock(0)!;
            var events = new List<Livepeer.Chain.Storage.StoredEvent> { new("Transfer", "{\"from\":\"0x00\",\"to\":\"0x01\",\"value\":\"1000\"}") };
            sw.Restart();
            for (var b = 0; b < decoded.Length / 1000; b++)
            {
                var txs = decoded.Skip(b * 1000).Take(1000).Select(t => new Livepeer.Chain.Storage.StoredTransaction(t.Hash, t.Sender, t.Nonce, t.Raw, new Livepeer.Chain.Storage.StoredReceipt(true, null, events))).ToList();
                var block = new Livepeer.Chain.Storage.StoredBlock(head.Number + 1, Keccak256.Hash(BitConverter.GetBytes(head.Number + 1)), head.Hash, 0, head.StateHash, txs);
                store.Append(block);
                head = block;
            }
            Console.WriteLine($"store append (1000-transaction blocks): {sw.Elapsed.TotalMicroseconds / count:F1} us/tx");
        }
        return 0;
    }
}
