using Prometheus;

namespace Livepeer.Chain.Hosting;

/// <summary>The ledger's Prometheus metrics, in a registry of its own (several nodes may run in one process).</summary>
public sealed class LedgerMetrics
{
    /// <summary>Creates the metrics in a new registry.</summary>
    public LedgerMetrics()
    {
        Registry = Metrics.NewCustomRegistry();
        var factory = Metrics.WithCustomRegistry(Registry);
        TransactionsAdmitted = factory.CreateCounter("livepeer_ledger_transactions_admitted_total", "Transactions admitted into the open block.");
        TransactionsRejected = factory.CreateCounter("livepeer_ledger_transactions_rejected_total", "Transactions refused at admission, by reason.", "reason");
        BlocksSealed = factory.CreateCounter("livepeer_ledger_blocks_sealed_total", "Blocks sealed and committed.");
        TransactionsIncluded = factory.CreateCounter("livepeer_ledger_transactions_included_total", "Transactions committed in sealed blocks.");
        BlockHeight = factory.CreateGauge("livepeer_chain_block_height", "Number of the newest sealed block.");
        Round = factory.CreateGauge("livepeer_chain_round", "The protocol's current round.");
        MempoolSize = factory.CreateGauge("livepeer_ledger_mempool_size", "Transactions admitted into the open block, waiting to be sealed.");
    }

    /// <summary>The registry GET /metrics serves.</summary>
    public CollectorRegistry Registry { get; }
    /// <summary>Transactions admitted.</summary>
    public Counter TransactionsAdmitted { get; }
    /// <summary>Transactions refused, by reason.</summary>
    public Counter TransactionsRejected { get; }
    /// <summary>Blocks sealed.</summary>
    public Counter BlocksSealed { get; }
    /// <summary>Transactions in sealed blocks.</summary>
    public Counter TransactionsIncluded { get; }
    /// <summary>Head block number (set on scrape).</summary>
    public Gauge BlockHeight { get; }
    /// <summary>Current round (set on scrape).</summary>
    public Gauge Round { get; }
    /// <summary>Open block's transactions (set on scrape).</summary>
    public Gauge MempoolSize { get; }
}
