namespace Livepeer.Wire.Segments;

/// <summary>How long a broadcaster waits on an orchestrator for a segment, scaled by the segment's duration.</summary>
public static class SegmentTimeouts
{
    /// <summary>The whole request (upload, transcode, response): max(8 s, 4 x duration).</summary>
    public static TimeSpan Request(TimeSpan segmentDuration) => Max(TimeSpan.FromSeconds(8), segmentDuration * 4);

    /// <summary>The upload of the segment body: max(2 s, 0.5 x duration).</summary>
    public static TimeSpan Upload(TimeSpan segmentDuration) => Max(TimeSpan.FromSeconds(2), segmentDuration / 2);

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a >= b ? a : b;
}
