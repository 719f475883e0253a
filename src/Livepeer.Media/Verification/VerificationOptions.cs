namespace Livepeer.Media.Verification;

/// <summary>
/// Thresholds for <see cref="SegmentVerifier"/>; the defaults come from measured honest and tampered transcodes
/// (bench/results/verification.md). <see cref="Validate"/> says which setting is wrong.
/// </summary>
public sealed class VerificationOptions
{
    /// <summary>ffmpeg binary (default "ffmpeg" on PATH).</summary>
    public string FfmpegPath { get; set; } = "ffmpeg";

    /// <summary>ffprobe binary (default "ffprobe" on PATH).</summary>
    public string FfprobePath { get; set; } = "ffprobe";

    /// <summary>Where per-segment working directories are created (default the system temp dir).</summary>
    public string TempDirectory { get; set; } = Path.GetTempPath();

    /// <summary>Time limit for each ffmpeg/ffprobe run; a rendition that takes longer to decode is a Decode failure.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Frames of slack allowed between measured and claimed pixels (as frames x width x height).</summary>
    public double PixelToleranceFrames { get; set; } = 1;

    /// <summary>Allowed relative difference between the measured and the profile's frame rate.</summary>
    public double FrameRateTolerance { get; set; } = 0.05;

    /// <summary>Minimum mean SSIM of the rendition against the reference.</summary>
    public double MinMeanSsim { get; set; } = 0.6;

    /// <summary>Minimum SSIM of any window of <see cref="SsimWindowFrames"/> consecutive frames (catches short overlays).</summary>
    public double MinWindowSsim { get; set; } = 0.5;

    /// <summary>Largest drop of the lowest window below the segment's median SSIM (a short overlay or black run is a dip).</summary>
    public double MaxSsimDrop { get; set; } = 0.1;

    /// <summary>Frames per SSIM window.</summary>
    public int SsimWindowFrames { get; set; } = 3;

    /// <summary>Width the rendition and reference are scaled to before SSIM (0 = compare at the profile's size); smaller is cheaper and ignores coding noise.</summary>
    public int CompareWidth { get; set; } = 80;

    /// <summary>Gaussian blur (sigma, in compare-size pixels) applied to both sides before SSIM, so film grain and coding noise
    /// do not count as differences while structure (content, overlays) still does; 0 disables.</summary>
    public double CompareBlur { get; set; } = 0.7;

    /// <summary>Tiles per side of the grid the signed rendition-minus-reference difference is averaged onto (even, 2..16;
    /// 0 disables the local comparison).</summary>
    public int TileGrid { get; set; } = 8;

    /// <summary>Largest persistent bias (luma levels, 0-255) of one tile beyond the median tile: a watermark or burned-in text
    /// brightens or darkens its corner on every frame, while coding noise averages out over a tile.</summary>
    public double MaxTileBias { get; set; } = 6;

    /// <summary>Average luma (0-255) at or below which a frame counts as black.</summary>
    public double BlackLumaMax { get; set; } = 20;

    /// <summary>A rendition frame is only called black when the reference frame's average luma is at least this.</summary>
    public double BlackReferenceLumaMin { get; set; } = 32;

    /// <summary>Black frames (where the reference has picture) tolerated before failing.</summary>
    public int MaxBlackFrames { get; set; }

    /// <summary>Mean absolute luma change from the previous frame at or below which a rendition frame counts as frozen.</summary>
    public double FrozenDiffMax { get; set; } = 0.1;

    /// <summary>A rendition frame is only called frozen when the reference moves at least this much at that frame.</summary>
    public double FrozenReferenceDiffMin { get; set; } = 1.0;

    /// <summary>Frozen frames (where the reference moves) tolerated before failing.</summary>
    public int MaxFrozenFrames { get; set; } = 2;

    /// <summary>Sample rate the audio is compared at (Hz).</summary>
    public int AudioSampleRate { get; set; } = 8000;

    /// <summary>Minimum normalized cross-correlation of the rendition's audio with the source's.</summary>
    public double MinAudioCorrelation { get; set; } = 0.8;

    /// <summary>Largest audio offset searched when correlating, in milliseconds.</summary>
    public int AudioMaxLagMs { get; set; } = 50;

    /// <summary>RMS (of full scale) below which audio counts as silence; two silent tracks match.</summary>
    public double AudioSilenceRms { get; set; } = 0.001;

    /// <summary>How the pixel/format checks measure segments not sampled for the perceptual check (sampled segments are always
    /// decoded). Default <see cref="FormatCheckMode.Container"/>: the decode added about 433 ms to each segment's latency.</summary>
    public FormatCheckMode FormatCheck { get; set; } = FormatCheckMode.Container;

    /// <summary>Share of segments (0..1) that get the perceptual check; see <see cref="SegmentVerifier.SamplesPerceptually"/>.</summary>
    public double PerceptualShare { get; set; } = 0.1;

    /// <summary>Seed for choosing which segments are checked perceptually, so a broadcaster and a verifier agree.</summary>
    public string SamplingSeed { get; set; } = "livepeer-verification";

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting and its valid range.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(FfmpegPath)) throw new ArgumentException("FfmpegPath must name the ffmpeg binary.", nameof(FfmpegPath));
        if (string.IsNullOrWhiteSpace(FfprobePath)) throw new ArgumentException("FfprobePath must name the ffprobe binary.", nameof(FfprobePath));
        if (!Directory.Exists(TempDirectory)) throw new ArgumentException($"TempDirectory {TempDirectory} does not exist.", nameof(TempDirectory));
        if (Timeout <= TimeSpan.Zero) throw new ArgumentException("Timeout must be positive.", nameof(Timeout));
        Range(PixelToleranceFrames, 0, 1000, nameof(PixelToleranceFrames));
        Range(FrameRateTolerance, 0, 1, nameof(FrameRateTolerance));
        Range(MinMeanSsim, 0, 1, nameof(MinMeanSsim));
        Range(MinWindowSsim, 0, 1, nameof(MinWindowSsim));
        Range(MaxSsimDrop, 0, 1, nameof(MaxSsimDrop));
        if (SsimWindowFrames < 1) throw new ArgumentException("SsimWindowFrames must be at least 1.", nameof(SsimWindowFrames));
        if (CompareWidth != 0 && (CompareWidth < 16 || CompareWidth % 2 != 0))
            throw new ArgumentException("CompareWidth must be 0 (profile size) or an even width of at least 16.", nameof(CompareWidth));
        Range(CompareBlur, 0, 10, nameof(CompareBlur));
        if (TileGrid != 0 && (TileGrid is < 2 or > 16 || TileGrid % 2 != 0))
            throw new ArgumentException("TileGrid must be 0 (no local comparison) or an even number of tiles per side, 2..16.", nameof(TileGrid));
        Range(MaxTileBias, 0, 255, nameof(MaxTileBias));
        Range(BlackLumaMax, 0, 255, nameof(BlackLumaMax));
        Range(BlackReferenceLumaMin, 0, 255, nameof(BlackReferenceLumaMin));
        if (BlackReferenceLumaMin <= BlackLumaMax)
            throw new ArgumentException("BlackReferenceLumaMin must be above BlackLumaMax, or a dark source would count as black.", nameof(BlackReferenceLumaMin));
        if (MaxBlackFrames < 0) throw new ArgumentException("MaxBlackFrames must be 0 or more.", nameof(MaxBlackFrames));
        Range(FrozenDiffMax, 0, 255, nameof(FrozenDiffMax));
        Range(FrozenReferenceDiffMin, 0, 255, nameof(FrozenReferenceDiffMin));
        if (FrozenReferenceDiffMin <= FrozenDiffMax)
            throw new ArgumentException("FrozenReferenceDiffMin must be above FrozenDiffMax, or a near-static source would count as frozen.", nameof(FrozenReferenceDiffMin));
        if (MaxFrozenFrames < 0) throw new ArgumentException("MaxFrozenFrames must be 0 or more.", nameof(MaxFrozenFrames));
        if (AudioSampleRate is < 1000 or > 48000) throw new ArgumentException("AudioSampleRate must be 1000..48000 Hz.", nameof(AudioSampleRate));
        Range(MinAudioCorrelation, 0, 1, nameof(MinAudioCorrelation));
        if (AudioMaxLagMs is < 0 or > 1000) throw new ArgumentException("AudioMaxLagMs must be 0..1000.", nameof(AudioMaxLagMs));
        Range(AudioSilenceRms, 0, 1, nameof(AudioSilenceRms));
        Range(PerceptualShare, 0, 1, nameof(PerceptualShare));
        if (!Enum.IsDefined(FormatCheck)) throw new ArgumentException($"FormatCheck must be Container or Decode (got {(int)FormatCheck}).", nameof(FormatCheck));
        ArgumentNullException.ThrowIfNull(SamplingSeed, nameof(SamplingSeed));
    }

    private static void Range(double value, double min, double max, string name)
    {
        if (!(value >= min && value <= max))
            throw new ArgumentException($"{name} must be between {min} and {max} (got {value}).", name);
    }
}
