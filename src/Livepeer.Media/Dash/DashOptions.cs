namespace Livepeer.Media.Dash;

/// <summary>Live DASH settings, validated.</summary>
public sealed class DashOptions
{
    /// <summary>Segments kept per representation in the MPD (timeShiftBufferDepth follows).</summary>
    public int WindowSize { get; set; } = 6;

    /// <summary>MPD@minimumUpdatePeriod (default 2 s, one segment).</summary>
    public TimeSpan MinimumUpdatePeriod { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>MPD@minBufferTime (default 4 s).</summary>
    public TimeSpan MinBufferTime { get; set; } = TimeSpan.FromSeconds(4);

    /// <summary>MPD@suggestedPresentationDelay (default 6 s: renditions arrive after the source by the transcode time).</summary>
    public TimeSpan SuggestedPresentationDelay { get; set; } = TimeSpan.FromSeconds(6);

    /// <summary>How long segments that left the window stay downloadable (default 60 s).</summary>
    public TimeSpan GracePeriod { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>A folder where every stream is also recorded whole with a static MPD (<see cref="DashRecording"/>, --record-dir), or null.</summary>
    public string? RecordDirectory { get; set; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the invalid setting.</summary>
    public void Validate()
    {
        if (WindowSize is < 2 or > 10_000) throw new ArgumentException("DASH WindowSize must be 2..10000 segments.", nameof(WindowSize));
        if (MinimumUpdatePeriod <= TimeSpan.Zero) throw new ArgumentException("DASH MinimumUpdatePeriod must be positive.", nameof(MinimumUpdatePeriod));
        if (MinBufferTime <= TimeSpan.Zero) throw new ArgumentException("DASH MinBufferTime must be positive.", nameof(MinBufferTime));
        if (SuggestedPresentationDelay < TimeSpan.Zero) throw new ArgumentException("DASH SuggestedPresentationDelay must not be negative.", nameof(SuggestedPresentationDelay));
        if (GracePeriod < TimeSpan.Zero) throw new ArgumentException("DASH GracePeriod must not be negative.", nameof(GracePeriod));
    }
}
