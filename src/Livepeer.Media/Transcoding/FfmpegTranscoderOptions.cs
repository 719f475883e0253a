namespace Livepeer.Media.Transcoding;

/// <summary>Settings for <see cref="FfmpegTranscoder"/>; <see cref="Validate"/> says what is wrong.</summary>
public sealed class FfmpegTranscoderOptions
{
    /// <summary>ffmpeg binary (default "ffmpeg" on PATH).</summary>
    public string FfmpegPath { get; set; } = "ffmpeg";

    /// <summary>ffprobe binary (default "ffprobe" on PATH).</summary>
    public string FfprobePath { get; set; } = "ffprobe";

    /// <summary>Fixed time limit per segment; null means max(<see cref="MinTimeout"/>, <see cref="TimeoutPerContentSecond"/> x duration), as go-livepeer does.</summary>
    public TimeSpan? Timeout { get; set; }

    /// <summary>Lower bound of the computed time limit (default 8 s).</summary>
    public TimeSpan MinTimeout { get; set; } = TimeSpan.FromSeconds(8);

    /// <summary>Seconds of work allowed per second of content (default 4).</summary>
    public double TimeoutPerContentSecond { get; set; } = 4;

    /// <summary>Where per-segment working directories are created (default the system temp dir).</summary>
    public string TempDirectory { get; set; } = Path.GetTempPath();

    /// <summary>Also compute an MPEG-7 video signature per rendition.</summary>
    public bool ComputeSignatures { get; set; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(FfmpegPath)) throw new ArgumentException("FfmpegPath must name the ffmpeg binary.", nameof(FfmpegPath));
        if (string.IsNullOrWhiteSpace(FfprobePath)) throw new ArgumentException("FfprobePath must name the ffprobe binary.", nameof(FfprobePath));
        if (Timeout is { } t && t <= TimeSpan.Zero) throw new ArgumentException("Timeout must be positive.", nameof(Timeout));
        if (MinTimeout <= TimeSpan.Zero) throw new ArgumentException("MinTimeout must be positive.", nameof(MinTimeout));
        if (!(TimeoutPerContentSecond > 0)) throw new ArgumentException("TimeoutPerContentSecond must be positive.", nameof(TimeoutPerContentSecond));
        if (!Directory.Exists(TempDirectory)) throw new ArgumentException($"TempDirectory {TempDirectory} does not exist.", nameof(TempDirectory));
    }
}
