namespace Livepeer.Node.Orchestrator.Capacity;

/// <summary>
/// Livepeer's real-time rule for an orchestrator's capacity: a session keeps up when each segment is transcoded in at most
/// 80 % of its duration (the rest is the network's). Whole milliseconds and percents, so the decision is exact.
/// </summary>
public static class RealTimeRule
{
    /// <summary>The most a transcode may take, in percent of the segment's duration.</summary>
    public const int LimitPercent = 80;

    /// <summary>Transcode time over segment duration in percent, rounded up (100 = exactly real time).</summary>
    public static long Percent(long transcodeMs, long segmentMs) =>
        segmentMs <= 0 ? long.MaxValue : (transcodeMs * 100 + segmentMs - 1) / segmentMs;

    /// <summary>True when a transcode of <paramref name="transcodeMs"/> keeps a segment of <paramref name="segmentMs"/> within the rule.</summary>
    public static bool Keeps(long transcodeMs, long segmentMs) =>
        segmentMs > 0 && transcodeMs >= 0 && transcodeMs * 100 <= segmentMs * LimitPercent;
}
