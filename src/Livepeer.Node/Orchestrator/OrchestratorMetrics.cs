using Prometheus;

namespace Livepeer.Node.Orchestrator;

/// <summary>The orchestrator's Prometheus metrics, in a registry of its own (several nodes may run in one process).</summary>
public sealed class OrchestratorMetrics
{
    /// <summary>Creates the metrics in a new registry.</summary>
    public OrchestratorMetrics()
    {
        Registry = Metrics.NewCustomRegistry();
        var f = Metrics.WithCustomRegistry(Registry);
        SegmentsReceived = f.CreateCounter("livepeer_orchestrator_segments_received_total", "Segments broadcasters posted to /segment.");
        SegmentsTranscoded = f.CreateCounter("livepeer_orchestrator_segments_transcoded_total", "Segments transcoded and answered with signed renditions.");
        SegmentFailures = f.CreateCounter("livepeer_orchestrator_segment_failures_total", "Segments refused or failed, by reason.", "reason");
        TranscodeSeconds = f.CreateHistogram("livepeer_orchestrator_transcode_seconds", "Time to transcode one segment into the ladder.",
            new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(0.005, 2, 14) });
        TicketsReceived = f.CreateCounter("livepeer_orchestrator_tickets_received_total", "Tickets accepted in payments.");
        TicketsWon = f.CreateCounter("livepeer_orchestrator_tickets_won_total", "Winning tickets queued for redemption.");
        TicketsRedeemed = f.CreateCounter("livepeer_orchestrator_tickets_redeemed_total", "Winning tickets redeemed on the ledger.");
        RedemptionFailures = f.CreateCounter("livepeer_orchestrator_redemption_failures_total", "Winning tickets the ledger refused for good, by reason.", "reason");
        FeesReceivedWei = f.CreateCounter("livepeer_orchestrator_fees_received_wei_total", "Expected value of the tickets received, in wei.");
        FeesRedeemedWei = f.CreateCounter("livepeer_orchestrator_fees_redeemed_wei_total", "Face value of the winning tickets redeemed, in wei.");
        Sessions = f.CreateGauge("livepeer_orchestrator_sessions", "Open transcoding sessions.");
        Capacity = f.CreateGauge("livepeer_orchestrator_capacity", "Most sessions at once.");
        MeasuredSessions = f.CreateGauge("livepeer_orchestrator_capacity_measured_sessions", "Sessions --max-sessions auto measured to keep within the 0.8 real-time rule (0: not even one; absent: capacity given).");
        MeasuredRealTimePercent = f.CreateGauge("livepeer_orchestrator_capacity_realtime_percent", "--max-sessions auto: the slowest test transcode at the chosen capacity, in percent of real time.");
        RemoteTranscoders = f.CreateGauge("livepeer_orchestrator_remote_transcoders", "Remote transcoders registered.");
        RemoteCapacity = f.CreateGauge("livepeer_orchestrator_remote_transcoder_capacity", "Total capacity of the remote transcoders.");
        RemoteLoad = f.CreateGauge("livepeer_orchestrator_remote_transcoder_load", "Tasks held by remote transcoders now.");
        RedemptionQueue = f.CreateGauge("livepeer_orchestrator_redemption_queue", "Winning tickets in the redemption queue, by status.", "status");
        StakeWei = f.CreateGauge("livepeer_orchestrator_stake_wei", "Delegated stake of this orchestrator on the ledger, in wei.");
        LastRewardRound = f.CreateGauge("livepeer_orchestrator_last_reward_round", "The last round this node called reward in.");
        Round = f.CreateGauge("livepeer_chain_round", "The protocol's current round, as last read from the ledger.");
        BlockHeight = f.CreateGauge("livepeer_chain_block_height", "The newest block, as last read from the ledger.");
    }

    /// <summary>The registry GET /metrics serves.</summary>
    public CollectorRegistry Registry { get; }
    /// <summary>Segments posted.</summary>
    public Counter SegmentsReceived { get; }
    /// <summary>Segments transcoded.</summary>
    public Counter SegmentsTranscoded { get; }
    /// <summary>Refusals and failures: bad-request, forbidden, payment, at-capacity, transcode.</summary>
    public Counter SegmentFailures { get; }
    /// <summary>Transcode time per segment.</summary>
    public Histogram TranscodeSeconds { get; }
    /// <summary>Tickets accepted.</summary>
    public Counter TicketsReceived { get; }
    /// <summary>Winning tickets.</summary>
    public Counter TicketsWon { get; }
    /// <summary>Tickets redeemed.</summary>
    public Counter TicketsRedeemed { get; }
    /// <summary>Redemptions refused for good, by the ledger's reason.</summary>
    public Counter RedemptionFailures { get; }
    /// <summary>Expected value received (wei).</summary>
    public Counter FeesReceivedWei { get; }
    /// <summary>Face value redeemed (wei).</summary>
    public Counter FeesRedeemedWei { get; }
    /// <summary>Open sessions (set on scrape).</summary>
    public Gauge Sessions { get; }
    /// <summary>Session capacity (set on scrape).</summary>
    public Gauge Capacity { get; }
    /// <summary>Measured real-time sessions (set on scrape when measured).</summary>
    public Gauge MeasuredSessions { get; }
    /// <summary>Measured real-time percent at capacity (set on scrape when measured).</summary>
    public Gauge MeasuredRealTimePercent { get; }
    /// <summary>Remote transcoders (set on scrape).</summary>
    public Gauge RemoteTranscoders { get; }
    /// <summary>Remote capacity (set on scrape).</summary>
    public Gauge RemoteCapacity { get; }
    /// <summary>Remote load (set on scrape).</summary>
    public Gauge RemoteLoad { get; }
    /// <summary>Queue by status (set on scrape).</summary>
    public Gauge RedemptionQueue { get; }
    /// <summary>Delegated stake (set on scrape when the ledger answers).</summary>
    public Gauge StakeWei { get; }
    /// <summary>Last reward round (set on scrape).</summary>
    public Gauge LastRewardRound { get; }
    /// <summary>Round (set on scrape).</summary>
    public Gauge Round { get; }
    /// <summary>Block (set on scrape).</summary>
    public Gauge BlockHeight { get; }
}
