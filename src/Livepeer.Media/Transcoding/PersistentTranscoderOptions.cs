namespace Livepeer.Media.Transcoding;

/// <summary>Settings for <see cref="PersistentTranscoder"/>; <see cref="Validate"/> says what is wrong.</summary>
public sealed class PersistentTranscoderOptions
{
    /// <summary>ffmpeg paths, time limits, temp directory and signatures, shared with the per-segment fallback.</summary>
    public FfmpegTranscoderOptions Ffmpeg { get; set; } = new();

    /// <summary>A session with no segment for this long ends and its waiting process is killed (default 30 s).</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Most sessions kept at once; starting one more ends the least recently used (default 64).</summary>
    public int MaxSessions { get; set; } = 64;

    /// <summary>Pre-started per-segment processes (the default: lowest latency) or one long-lived process per stream (least CPU).</summary>
    public TranscodeSessionMode Mode { get; set; } = TranscodeSessionMode.PreStart;

    /// <summary>Long-lived mode: when no next segment arrives within the last one's duration plus this, the session flushes
    /// its encoders so that segment's renditions come out, and ends (default 1 s).</summary>
    public TimeSpan TailWait { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Ffmpeg);
        Ffmpeg.Validate();
        if (IdleTimeout <= TimeSpan.Zero) throw new ArgumentException("IdleTimeout must be positive.", nameof(IdleTimeout));
        if (!Enum.IsDefined(Mode)) throw new ArgumentException($"Mode {Mode} is not a session mode.", nameof(Mode));
        if (TailWait < TimeSpan.Zero) throw new ArgumentException("TailWait must not be negative.", nameof(TailWait));
        if (MaxSessions < 1) throw new ArgumentException("MaxSessions must be at least 1.", nameof(MaxSessions));
    }
}
