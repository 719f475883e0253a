using System.Diagnostics;
using Livepeer.Chain.Sequencing;

namespace Livepeer.Chain.Bench.Scenarios;

/// <summary>
/// Sustained signed-transaction throughput with persistence, in process: pre-signed transfers from many senders are
/// submitted to the sequencer by one worker per core (decode and signature recovery run in parallel, execution under
/// the sequencer's lock), while the block loop seals and commits a block every 200 ms to SQLite. The figure counts
/// only transactions that ended up committed, over the wall time including the final commit.
/// </summary>
internal static class ThroughputScenario
{
    public static int Run(int seconds, int senders)
    {
        var workers = Environment.ProcessorCount;
        using var ledger = new BenchLedger(senders);
        var perSender = (int)Math.Ceiling(seconds * 12000.0 / senders); // more than the run can use: it stops on time
        var sign = Stopwatch.StartNew();
        var queues = BenchLedger.Partition(ledger.PreSign(perSender), workers);
        Console.WriteLine($"pre-signed {senders * perSender:N0} transactions from {senders} senders in {sign.Elapsed.TotalSeconds:F1} s (not measured)");

        var (store, _, sequencer) = ledger.Open(new SequencerOptions { BlockTime = TimeSpan.FromMilliseconds(200) });
        using (store)
        {
            using var stop = new CancellationTokenSource();
            var duration = TimeSpan.FromSeconds(seconds);
            var clock = Stopwatch.StartNew();
            var blocks = sequencer.RunAsync(stop.Token);
            var admitted = new long[workers];
            var threads = queues.Select((queue, w) => Task.Factory.StartNew(() =>
            {
                while (clock.Elapsed < duration && queue.TryDequeue(out var raw))
                {
                    sequencer.Submit(raw);
                    admitted[w]++;
                }
            }, TaskCreationOptions.LongRunning)).ToArray();
            Task.WaitAll(threads);
            stop.Cancel();
            blocks.GetAwaiter().GetResult();
            sequencer.SealBlock();
            var elapsed = clock.Elapsed;

            var head = store.Head()!.Value.Number;
            long committed = 0;
            foreach (var b in store.BlocksFrom(1)) committed += b.Transactions.Count;
            var total = admitted.Sum();
            if (committed != total) throw new InvalidOperationException($"{total} admitted but {committed} committed.");
            Console.WriteLine($"in-process: {committed:N0} transactions committed in {head} blocks over {elapsed.TotalSeconds:F1} s = {committed / elapsed.TotalSeconds:N0} tx/s ({workers} submit workers, block time 200 ms, {senders} senders)");
        }
        return 0;
    }
}
