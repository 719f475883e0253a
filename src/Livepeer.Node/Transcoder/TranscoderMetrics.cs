using Prometheus;

namespace Livepeer.Node.Transcoder;

/// <summary>The remote transcoder's Prometheus metrics, in a registry of its own (several nodes may run in one process).</summary>
public sealed class TranscoderMetrics
{
    /// <summary>Creates the metrics in a new registry.</summary>
    public TranscoderMetrics()
    {
        Registry = Metrics.NewCustomRegistry();
        var f = Metrics.WithCustomRegistry(Registry);
        TasksReceived = f.CreateCounter("livepeer_transcoder_tasks_received_total", "Segments the orchestrator notified.");
        TasksCompleted = f.CreateCounter("livepeer_transcoder_tasks_completed_total", "Results the orchestrator accepted.");
        TaskFailures = f.CreateCounter("livepeer_transcoder_task_failures_total", "Tasks that failed, by reason (transcode, upload, refused).", "reason");
        TranscodeSeconds = f.CreateHistogram("livepeer_transcoder_transcode_seconds", "Time to download and transcode one segment.",
            new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(0.005, 2, 14) });
        Registrations = f.CreateCounter("livepeer_transcoder_registrations_total", "Successful registrations with the orchestrator (1 + reconnects).");
        Connected = f.CreateGauge("livepeer_transcoder_connected", "1 while registered with the orchestrator.");
        TasksInFlight = f.CreateGauge("livepeer_transcoder_tasks_in_flight", "Segments being transcoded now.");
        Capacity = f.CreateGauge("livepeer_transcoder_capacity", "Most segments transcoded at once.");
    }

    /// <summary>The registry GET /metrics serves.</summary>
    public CollectorRegistry Registry { get; }
    /// <summary>Tasks notified.</summary>
    public Counter TasksReceived { get; }
    /// <summary>Tasks completed.</summary>
    public Counter TasksCompleted { get; }
    /// <summary>Failures by reason.</summary>
    public Counter TaskFailures { get; }
    /// <summary>Transcode time.</summary>
    public Histogram TranscodeSeconds { get; }
    /// <summary>Registrations.</summary>
    public Counter Registrations { get; }
    /// <summary>Connected (set on scrape).</summary>
    public Gauge Connected { get; }
    /// <summary>In flight (set on scrape).</summary>
    public Gauge TasksInFlight { get; }
    /// <summary>Capacity (set on scrape).</summary>
    public Gauge Capacity { get; }
}
