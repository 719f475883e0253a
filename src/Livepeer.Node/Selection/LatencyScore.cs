namespace Livepeer.Node.Selection;

/// <summary>A session's latency score: the segment's round trip divided by its duration; at most 1.0 keeps up with live.</summary>
public static class LatencyScore
{
    /// <summary>The score in percent, rounded down, for display (100 = the round trip took exactly the segment's duration).</summary>
    public static long Percent(TimeSpan roundTrip, TimeSpan segmentDuration) =>
        segmentDuration <= TimeSpan.Zero ? long.MaxValue : roundTrip.Ticks * 100 / segmentDuration.Ticks;

    /// <summary>True when a session with this round trip may be reused for the next segment (compared exactly, not rounded).</summary>
    public static bool AllowsReuse(TimeSpan roundTrip, TimeSpan segmentDuration, int maxScorePercent) =>
        segmentDuration > TimeSpan.Zero && (Int128)roundTrip.Ticks * 100 <= (Int128)maxScorePercent * segmentDuration.Ticks;
}
