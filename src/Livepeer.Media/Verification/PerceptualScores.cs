namespace Livepeer.Media.Verification;

/// <summary>
/// Scores from one perceptual run: SSIM (mean and lowest window), black and frozen frames counted only where the reference
/// itself is not black or still, reference and rendition frame counts.
/// </summary>
/// <param name="MeanSsim">Mean SSIM over the rendition's frames.</param>
/// <param name="MinWindowSsim">Lowest mean SSIM over any window of consecutive frames.</param>
/// <param name="MedianSsim">Median per-frame SSIM: the segment's own level, which a short overlay or black run drops below.</param>
/// <param name="BlackFrames">Rendition frames that are black where the reference frame is not.</param>
/// <param name="FrozenFrames">Rendition frames that repeat the previous one where the reference moves.</param>
/// <param name="ReferenceFrames">Frames in the reference.</param>
/// <param name="RenditionFrames">Frames compared from the rendition.</param>
public sealed record PerceptualScores(double MeanSsim, double MinWindowSsim, double MedianSsim, int BlackFrames, int FrozenFrames, int ReferenceFrames, int RenditionFrames)
{
    private const string Ssim = "lavfi.ssim.All", Luma = "lavfi.signalstats.YAVG", Change = "lavfi.signalstats.YDIF";

    /// <summary>Computes the scores from the two metadata print files' frames.</summary>
    public static PerceptualScores From(IReadOnlyList<FrameMetadata> reference, IReadOnlyList<FrameMetadata> rendition, VerificationOptions o)
    {
        if (rendition.Count == 0 || reference.Count == 0) return new PerceptualScores(0, 0, 0, 0, 0, reference.Count, rendition.Count);
        var ssim = rendition.Select(f => f.Get(Ssim, 0)).Select(v => double.IsFinite(v) ? v : 0).ToArray();
        double mean = ssim.Average();
        int w = Math.Min(o.SsimWindowFrames, ssim.Length);
        double minWindow = double.MaxValue, sum = 0;
        for (int i = 0; i < ssim.Length; i++)
        {
            sum += ssim[i];
            if (i >= w) sum -= ssim[i - w];
            if (i >= w - 1) minWindow = Math.Min(minWindow, sum / w);
        }
        int black = 0, frozen = 0;
        for (int i = 0; i < rendition.Count; i++)
        {
            var r = rendition[i];
            var refFrame = reference[Match(reference, r.PtsTime, i)];
            if (r.Get(Luma, 255) <= o.BlackLumaMax && refFrame.Get(Luma, 0) >= o.BlackReferenceLumaMin) black++;
            // The first frame has no predecessor to differ from.
            if (i > 0 && r.Get(Change, 255) <= o.FrozenDiffMax && refFrame.Get(Change, 0) >= o.FrozenReferenceDiffMin) frozen++;
        }
        var sorted = ssim.Order().ToArray();
        double median = sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
        return new PerceptualScores(mean, minWindow, median, black, frozen, reference.Count, rendition.Count);
    }

    /// <summary>The reference frame shown at <paramref name="pts"/> (the last one at or before it); by index when times are missing.</summary>
    private static int Match(IReadOnlyList<FrameMetadata> reference, double pts, int index)
    {
        if (!double.IsFinite(pts)) return Math.Min(index, reference.Count - 1);
        int lo = 0, hi = reference.Count - 1, found = 0;
        while (lo <= hi)
        {
            int mid = (lo + hi) / 2;
            if (reference[mid].PtsTime <= pts + 1e-4) { found = mid; lo = mid + 1; }
            else hi = mid - 1;
        }
        return found;
    }
}
