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

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Ffmpeg);
        Ffmpeg.Validate();
        if (IdleTimeout <= TimeSpan.Zero) throw new ArgumentException("IdleTimeout must be positive.", nameof(IdleTimeout));
        if (MaxSessions < 1) throw new ArgumentException("MaxSessions must be at least 1.", nameof(MaxSessions));
    }
}
