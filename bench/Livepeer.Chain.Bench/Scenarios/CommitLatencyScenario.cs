using System.Diagnostics;
using Livepeer.Chain.Sequencing;

namespace Livepeer.Chain.Bench.Scenarios;

/// <summary>
/// Block commit latency: the time SealBlock takes (state hash, block hash, optional snapshot, one SQLite transaction
/// with every transaction, receipt and event) for blocks of 0, 100, 1000 and 5000 transactions; p50 and p99.
/// </summary>
internal static class CommitLatencyScenario
{
    private static readonly (int Size, int Samples)[] Sizes = [(0, 200), (100, 100), (1000, 30), (5000, 12)];

    public static int Run()
    {
        using var ledger = new BenchLedger(senders: 1000);
        var perSender = Sizes.Sum(s => s.Size * s.Samples) / ledger.Senders.Length + 1;
        var queue = BenchLedger.Partition(ledger.PreSign(perSender), 1)[0];
        var (store, _, sequencer) = ledger.Open(new SequencerOptions { MaxTransactionsPerBlock = 10_000 });
        using (store)
        {
            Console.WriteLine("| transactions per block | samples | p50 (ms) | p99 (ms) | max (ms) |");
            Console.WriteLine("|---:|---:|---:|---:|---:|");
            foreach (var (size, samples) in Sizes)
            {
                var times = new List<double>();
                for (var s = 0; s < samples; s++)
                {
                    for (var i = 0; i < size; i++) sequencer.Submit(queue.TryDequeue(out var raw) ? raw : throw new InvalidOperationException("Ran out of pre-signed transactions."));
                    var clock = Stopwatch.StartNew();
                    var block = sequencer.SealBlock();
                    times.Add(clock.Elapsed.TotalMilliseconds);
                    if (block.Transactions.Count != size) throw new InvalidOperationException($"Sealed {block.Transactions.Count}, expected {size}.");
                }
                times.Sort();
                Console.WriteLine($"| {size:N0} | {samples} | {Percentile(times, 0.50):F2} | {Percentile(times, 0.99):F2} | {times[^1]:F2} |");
            }
            Console.WriteLine($"(1000 funded senders; a snapshot is stored every {new SequencerOptions().SnapshotInterval} blocks)");
        }
        return 0;
    }

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
