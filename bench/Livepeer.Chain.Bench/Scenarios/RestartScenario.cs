using System.Diagnostics;
using Livepeer.Chain.Execution;
using Livepeer.Chain.Sequencing;
using Livepeer.Chain.Storage;
using Livepeer.Core;
using Livepeer.Core.Crypto;
using Livepeer.Protocol.Calls;

namespace Livepeer.Chain.Bench.Scenarios;

/// <summary>
/// Time to restart with many transactions in the store. Generation is made as cheap as it can be while keeping every
/// transaction really signed (a restart replays and re-verifies them): signing runs on all cores and the generating
/// sequencer takes already-decoded transactions, sealing blocks of 3,000 (a 1 s block
/// time at 3,000 tx/s). The restart itself opens the store and runs
/// Sequencer.Start with the real codec and the default options.
/// </summary>
internal static class RestartScenario
{
    private const int BlockSize = 3_000;

    public static int Run(int transactions)
    {
        const int senders = 1000;
        using var ledger = new BenchLedger(senders);
        var perSender = (int)Math.Ceiling((double)transactions / senders);
        var generation = Stopwatch.StartNew();
        var preDecoded = new PreDecodedTransactions();
        var (store, _, sequencer) = OpenWith(ledger, preDecoded);
        using (store)
        {
            // Sign in chunks of nonces so memory stays bounded; every chunk is sealed into blocks before the next.
            const int chunk = 20;
            for (var first = 0; first < perSender; first += chunk)
            {
                var count = Math.Min(chunk, perSender - first);
                var batch = SignChunk(ledger, (ulong)first, count);
                foreach (var tx in batch)
                {
                    preDecoded.Add(tx);
                    sequencer.Submit(tx.Raw); // seals by itself every BlockSize transactions
                }
                preDecoded.Clear();
                Console.Write($"\rgenerated {(first + count) * senders:N0} transactions, {generation.Elapsed.TotalSeconds:F0} s");
            }
            if (sequencer.PendingCount > 0) sequencer.SealBlock();
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var head = Head(ledger);
        Console.WriteLine($"\rgenerated {perSender * senders:N0} transactions in {head.Number} blocks in {generation.Elapsed.TotalSeconds:F0} s; database {new FileInfo(ledger.DatabasePath).Length / 1e6:F0} MB (+ WAL {WalSize(ledger) / 1e6:F0} MB)");

        for (var run = 1; run <= 2; run++)
        {
            var clock = Stopwatch.StartNew();
            var (restarted, _, resumed) = ledger.Open(new SequencerOptions());
            var elapsed = clock.Elapsed;
            using (restarted)
            {
                var snapshot = restarted.LatestSnapshot()!.Value.BlockNumber;
                long replayedTxs = 0;
                foreach (var b in restarted.BlocksFrom(snapshot + 1)) replayedTxs += b.Transactions.Count;
                Console.WriteLine($"restart {run}: {elapsed.TotalSeconds:F2} s to resume at block {resumed.PendingBlockNumber - 1} (snapshot at block {snapshot}; replayed {head.Number - snapshot} blocks with {replayedTxs:N0} transactions; default options)");
            }
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        }
        if (transactions <= 200_000) FullReplay(ledger, head.Number);
        return 0;
    }

    /// <summary>The replay rate alone: drop every snapshot but genesis's and restart, replaying every block.</summary>
    private static void FullReplay(BenchLedger ledger, long head)
    {
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={ledger.DatabasePath}"))
        {
            connection.Open();
            using var delete = connection.CreateCommand();
            delete.CommandText = "DELETE FROM snapshots WHERE block_number > 0";
            delete.ExecuteNonQuery();
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var clock = Stopwatch.StartNew();
        var (store, _, _) = ledger.Open(new SequencerOptions());
        var elapsed = clock.Elapsed;
        long replayed = 0;
        using (store)
            foreach (var b in store.BlocksFrom(1)) replayed += b.Transactions.Count;
        Console.WriteLine($"full replay from genesis (snapshots dropped): {elapsed.TotalSeconds:F2} s for {head} blocks, {replayed:N0} transactions = {replayed / elapsed.TotalSeconds:N0} tx/s");
    }

    private static (ChainStore, ProtocolExecutor, Sequencer) OpenWith(BenchLedger ledger, PreDecodedTransactions decoder)
    {
        var store = ChainStore.Open(ledger.DatabasePath);
        var executor = new ProtocolExecutor(ledger.Genesis());
        var sequencer = new Sequencer(store, executor, decoder, new SequencerOptions { MaxTransactionsPerBlock = BlockSize }, TimeProvider.System);
        sequencer.Start();
        return (store, executor, sequencer);
    }

    private static (long Number, Hash Hash) Head(BenchLedger ledger)
    {
        using var store = ChainStore.Open(ledger.DatabasePath);
        return store.Head()!.Value;
    }

    private static long WalSize(BenchLedger ledger) => File.Exists(ledger.DatabasePath + "-wal") ? new FileInfo(ledger.DatabasePath + "-wal").Length : 0;

    /// <summary>Signs nonces first..first+count-1 for every sender, interleaved by nonce, and keeps the decoded form.</summary>
    private static LedgerTransaction[] SignChunk(BenchLedger ledger, ulong first, int count)
    {
        var senders = ledger.Senders.Length;
        var result = new LedgerTransaction[senders * count];
        Parallel.For(0, senders, s =>
        {
            var key = ledger.Senders[s];
            for (var i = 0; i < count; i++)
            {
                var nonce = first + (ulong)i;
                var to = ledger.Recipients[(s + i) % ledger.Recipients.Length];
                object call = nonce % 2 == 0 ? new TransferCall(to, (UInt256)1000) : new SendEthCall(to, (UInt256)7);
                var typed = ledger.Codec.ToTypedData(call, nonce);
                var signature = typed.Sign(key);
                var raw = Transactions.TransactionCodec.Envelope(typed.ToJson(), signature);
                result[i * senders + s] = new LedgerTransaction(Keccak256.HashConcat(typed.Digest.ToArray(), signature.ToArray()), key.Address, nonce, raw, call);
            }
        });
        return result;
    }

    /// <summary>Hands the generating sequencer the transactions it was just given, already decoded (generation only).</summary>
    private sealed class PreDecodedTransactions : ITransactionDecoder
    {
        private readonly Dictionary<byte[], LedgerTransaction> _byRaw = new(ReferenceEqualityComparer.Instance);
        public void Add(LedgerTransaction tx) => _byRaw[tx.Raw] = tx;
        public void Clear() => _byRaw.Clear();
        public LedgerTransaction Decode(byte[] raw) => _byRaw[raw];
    }
}
