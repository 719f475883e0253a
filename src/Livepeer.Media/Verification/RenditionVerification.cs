namespace Livepeer.Media.Verification;

/// <summary>The outcome of verifying one rendition.</summary>
/// <param name="Profile">The rendition's profile name.</param>
/// <param name="MeasuredPixels">Sum of width x height over the decoded video frames (0 when it did not decode).</param>
/// <param name="Ssim">Mean SSIM against the reference when the perceptual check ran, else null.</param>
/// <param name="Failures">Every failed check; empty when the rendition passed.</param>
public sealed record RenditionVerification(string Profile, long MeasuredPixels, double? Ssim, IReadOnlyList<VerificationFailure> Failures)
{
    /// <summary>Decoded video frames (0 when it did not decode).</summary>
    public long MeasuredFrames { get; init; }

    /// <summary>Lowest windowed-mean SSIM over the segment when the perceptual check ran, else null.</summary>
    public double? MinWindowSsim { get; init; }

    /// <summary>Median per-frame SSIM when the perceptual check ran, else null.</summary>
    public double? MedianSsim { get; init; }

    /// <summary>Persistent bias of the most different tile beyond the median tile (luma levels) when the perceptual check ran, else null.</summary>
    public double? TileBias { get; init; }

    /// <summary>Normalized cross-correlation of the rendition's audio with the source's when both had audio, else null.</summary>
    public double? AudioCorrelation { get; init; }

    /// <summary>Black frames found where the reference has picture (perceptual check only).</summary>
    public int BlackFrames { get; init; }

    /// <summary>Frozen frames found where the reference moves (perceptual check only).</summary>
    public int FrozenFrames { get; init; }

    /// <summary>True when no check failed.</summary>
    public bool Passed => Failures.Count == 0;
}
