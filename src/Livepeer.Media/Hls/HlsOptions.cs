namespace Livepeer.Media.Hls;

/// <summary>Live HLS settings, validated.</summary>
public sealed class HlsOptions
{
    /// <summary>EXT-X-TARGETDURATION in seconds, fixed for the stream (default 4: 2 s segments cut at the next IDR fit).</summary>
    public int TargetDuration { get; set; } = 4;

    /// <summary>Segments per variant playlist (default 6).</summary>
    public int WindowSize { get; set; } = 6;

    /// <summary>How long segments that left the window stay downloadable (default 60 s).</summary>
    public TimeSpan GracePeriod { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>A folder where every stream is also recorded whole (<see cref="HlsRecording"/>, --record-dir), or null.</summary>
    public string? RecordDirectory { get; set; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the invalid setting.</summary>
    public void Validate()
    {
        if (TargetDuration is < 1 or > 60) throw new ArgumentException("HLS TargetDuration must be 1..60 seconds.", nameof(TargetDuration));
        if (WindowSize is < 3 or > 10_000) throw new ArgumentException("HLS WindowSize must be 3..10000 segments.", nameof(WindowSize));
        if (RecordDirectory is { Length: 0 }) throw new ArgumentException("HLS RecordDirectory must be a folder path (or null).", nameof(RecordDirectory));
        if (GracePeriod < TimeSpan.Zero || GracePeriod > TimeSpan.FromHours(1)) throw new ArgumentException("HLS GracePeriod must be 0..1 h.", nameof(GracePeriod));
    }
}
