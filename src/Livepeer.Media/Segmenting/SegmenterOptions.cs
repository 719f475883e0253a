namespace Livepeer.Media.Segmenting;

/// <summary>How the segmenter cuts. Every default lives here.</summary>
public sealed class SegmenterOptions
{
    /// <summary>Cut at the first IDR once a segment is at least this long (audio-only: at the first frame). Default 2 s.</summary>
    public TimeSpan TargetDuration { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Cut even without an IDR once a segment reaches this length, so a stream with sparse or missing keyframes
    /// cannot grow a segment without bound; such segments are marked <see cref="MediaSegment.StartsWithKeyframe"/> = false.
    /// Also how long the segmenter waits for a first keyframe before starting without one. Default 3 x target.
    /// </summary>
    public TimeSpan? MaxDuration { get; init; }

    /// <summary>A forward jump of a track's DTS by more than this (or any backward step over 100 ms) is a timestamp
    /// discontinuity: the segment is cut there and the next one is marked Discontinuity. Default 5 s.</summary>
    public TimeSpan TimestampJumpThreshold { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>A segment is cut once it holds this many bytes, whatever its timestamps say. Default 32 MiB.</summary>
    public int MaxSegmentBytes { get; init; } = 32 * 1024 * 1024;

    /// <summary>
    /// A segment is cut once it has been open this long by the wall clock, whatever its timestamps say. Default 2 x the
    /// maximum duration. A cut by size or wall clock where media time advanced less than a quarter of real time means the
    /// publisher's timestamps are broken: the stream is refused (<see cref="BrokenTimestampsException"/>).
    /// </summary>
    public TimeSpan? MaxWallClockDuration { get; init; }

    internal TimeSpan WallClockLimit => MaxWallClockDuration ?? (MaxDuration ?? TargetDuration * 3) * 2;

    internal long TargetTicks => ToTicks(TargetDuration);

    internal long MaxTicks => ToTicks(MaxDuration ?? TargetDuration * 3);

    internal long JumpTicks => ToTicks(TimestampJumpThreshold);

    /// <summary>Throws when the options are inconsistent.</summary>
    public void Validate()
    {
        if (TargetDuration <= TimeSpan.Zero || TargetDuration > TimeSpan.FromMinutes(1))
            throw new ArgumentOutOfRangeException(nameof(TargetDuration), TargetDuration, "Target segment duration must be between 0 and 60 s.");
        if (MaxDuration is { } max && max < TargetDuration)
            throw new ArgumentOutOfRangeException(nameof(MaxDuration), max, "Maximum segment duration must be at least the target duration.");
        if (MaxSegmentBytes < 64 * 1024)
            throw new ArgumentOutOfRangeException(nameof(MaxSegmentBytes), MaxSegmentBytes, "Must be at least 64 KiB.");
        if (MaxWallClockDuration is { } wall && wall < (MaxDuration ?? TargetDuration * 3))
            throw new ArgumentOutOfRangeException(nameof(MaxWallClockDuration), wall, "Must be at least the maximum segment duration.");
        if (TimestampJumpThreshold <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(TimestampJumpThreshold), TimestampJumpThreshold, "Timestamp jump threshold must be positive.");
    }

    private static long ToTicks(TimeSpan t) => (long)Math.Round(t.TotalSeconds * 90000);
}
