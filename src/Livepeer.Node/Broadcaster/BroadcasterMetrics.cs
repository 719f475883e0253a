using Prometheus;

namespace Livepeer.Node.Broadcaster;

/// <summary>The broadcaster's Prometheus metrics, in a registry of its own (several nodes may run in one process).</summary>
public sealed class BroadcasterMetrics
{
    /// <summary>Creates the metrics in a new registry.</summary>
    public BroadcasterMetrics()
    {
        Registry = Metrics.NewCustomRegistry();
        var f = Metrics.WithCustomRegistry(Registry);
        SegmentsReceived = f.CreateCounter("livepeer_broadcaster_segments_received_total", "Source segments received from publishers.");
        SegmentsTranscoded = f.CreateCounter("livepeer_broadcaster_segments_transcoded_total", "Segments the network transcoded and whose signature checked out.");
        SegmentsNotTranscoded = f.CreateCounter("livepeer_broadcaster_segments_not_transcoded_total", "Segments no orchestrator transcoded (published as source only).");
        SegmentsSourceOnly = f.CreateCounter("livepeer_broadcaster_segments_source_only_total", "Segments published as source only (no renditions), by reason: late, timeout, refused, failed, no-orchestrator, audio-only.", "reason");
        LadderChanges = f.CreateCounter("livepeer_broadcaster_ladder_changes_total", "A stream's ladder lightened (a rendition dropped while it falls behind) or restored.", "change");
        Suspensions = f.CreateCounter("livepeer_broadcaster_suspensions_total", "Orchestrators suspended, by the failure's reason.", "reason");
        RenditionsPublished = f.CreateCounter("livepeer_broadcaster_renditions_published_total", "Transcoded renditions appended to HLS and DASH.");
        SegmentFailures = f.CreateCounter("livepeer_broadcaster_segment_failures_total", "Failed attempts to transcode a segment on the network, by reason.", "reason");
        RoundTripSeconds = f.CreateHistogram("livepeer_broadcaster_round_trip_seconds", "Per segment: send, transcode, download and verify the renditions.",
            new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(0.005, 2, 14) });
        TicketsSent = f.CreateCounter("livepeer_broadcaster_tickets_sent_total", "Tickets sent to orchestrators.");
        FeesWei = f.CreateCounter("livepeer_broadcaster_fees_wei_total", "Fees orchestrators charged for the segments they transcoded, in wei.");
        Streams = f.CreateGauge("livepeer_broadcaster_streams", "Live streams being ingested.");
        Round = f.CreateGauge("livepeer_chain_round", "The protocol's current round, as last read from the ledger.");
        BlockHeight = f.CreateGauge("livepeer_chain_block_height", "The newest block, as last read from the ledger.");
    }

    /// <summary>The registry GET /metrics serves.</summary>
    public CollectorRegistry Registry { get; }
    /// <summary>Source segments in.</summary>
    public Counter SegmentsReceived { get; }
    /// <summary>Segments transcoded by the network.</summary>
    public Counter SegmentsTranscoded { get; }
    /// <summary>Segments every attempt failed for.</summary>
    public Counter SegmentsNotTranscoded { get; }
    /// <summary>Source-only segments by reason.</summary>
    public Counter SegmentsSourceOnly { get; }
    /// <summary>Ladder changes: lightened or restored.</summary>
    public Counter LadderChanges { get; }
    /// <summary>Suspensions by reason.</summary>
    public Counter Suspensions { get; }
    /// <summary>Renditions published.</summary>
    public Counter RenditionsPublished { get; }
    /// <summary>Failures by reason (at-capacity, payment, bad-signature, timeout, unavailable...).</summary>
    public Counter SegmentFailures { get; }
    /// <summary>Round trip per segment.</summary>
    public Histogram RoundTripSeconds { get; }
    /// <summary>Tickets sent.</summary>
    public Counter TicketsSent { get; }
    /// <summary>Fees charged (wei).</summary>
    public Counter FeesWei { get; }
    /// <summary>Live streams (set on scrape).</summary>
    public Gauge Streams { get; }
    /// <summary>Round (set on scrape when the ledger answers).</summary>
    public Gauge Round { get; }
    /// <summary>Block (set on scrape when the ledger answers).</summary>
    public Gauge BlockHeight { get; }
}
