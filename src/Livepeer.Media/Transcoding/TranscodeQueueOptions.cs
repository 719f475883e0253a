namespace Livepeer.Media.Transcoding;

/// <summary>How much transcoding a node does at once and how long a segment may wait for it.</summary>
public sealed class TranscodeQueueOptions
{
    /// <summary>Segments transcoded at once (each one ffmpeg ladder, or one orchestrator round trip).</summary>
    public int MaxRunning { get; set; } = Environment.ProcessorCount;

    /// <summary>Segments that may wait for a free slot; beyond that a segment is refused at once.</summary>
    public int MaxWaiting { get; set; } = 2 * Environment.ProcessorCount;

    /// <summary>A segment must be transcoded within this many times its own duration (300 = three times its duration), or it is not started.</summary>
    public int DeadlinePercent { get; set; } = 300;

    /// <summary>The shortest deadline, for very short segments.</summary>
    public TimeSpan MinimumDeadline { get; set; } = TimeSpan.FromSeconds(4);

    /// <summary>Throws naming the first bad option.</summary>
    public void Validate()
    {
        if (MaxRunning < 1) throw new ArgumentOutOfRangeException(nameof(MaxRunning), MaxRunning, "Must be at least 1.");
        if (MaxWaiting < 0) throw new ArgumentOutOfRangeException(nameof(MaxWaiting), MaxWaiting, "Must be 0 or more.");
        if (DeadlinePercent < 100) throw new ArgumentOutOfRangeException(nameof(DeadlinePercent), DeadlinePercent, "Must be at least 100 (the segment's own duration).");
        if (MinimumDeadline <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(MinimumDeadline), "Must be positive.");
    }
}
