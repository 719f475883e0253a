using Livepeer.Media.Verification;

namespace Livepeer.Node.Broadcaster.Verification;

/// <summary>How the broadcaster checks orchestrators' results beyond the signature, keeps evidence and reports it.</summary>
public sealed class ResultVerificationOptions
{
    /// <summary>Run the pixel/format checks on every segment (the signature is always checked).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Run the perceptual check (SSIM, black/frozen frames, audio against the source) on the sampled share.</summary>
    public bool Perceptual { get; set; } = true;

    /// <summary>Share of segments (0..1) that get the perceptual check, chosen by <see cref="SegmentVerifier.SamplesPerceptually"/>.</summary>
    public double PerceptualShare { get; set; } = 0.1;

    /// <summary>Report failed verifications on the ledger (ReportFailedVerification) so the verifiers can slash.</summary>
    public bool ReportOnChain { get; set; } = true;

    /// <summary>Where evidence bundles are written; null: a folder under the system temp directory.</summary>
    public string? EvidenceDirectory { get; set; }

    /// <summary>The broadcaster's address as verifiers reach it, for evidence URIs; null: the HTTP address it listens on.</summary>
    public Uri? PublicBaseUri { get; set; }

    /// <summary>Signed results remembered per segment (to catch an orchestrator signing two different results).</summary>
    public int RememberedResults { get; set; } = 10_000;

    /// <summary>Findings kept in memory for the status page (the evidence stays on disk); older ones are dropped.</summary>
    public int RememberedFindings { get; set; } = 1_000;

    /// <summary>Evidence bundles kept on disk; past that the oldest are deleted.</summary>
    public int MaxEvidenceBundles { get; set; } = 10_000;

    /// <summary>How long a finding stays on the status page.</summary>
    public TimeSpan FindingRetention { get; set; } = TimeSpan.FromHours(24);

    /// <summary>The media checks' thresholds (ffmpeg paths, SSIM floors, tolerances); PerceptualShare above wins.</summary>
    public VerificationOptions Checks { get; set; } = new();

    /// <summary>The checks' options with this policy's perceptual share applied.</summary>
    public VerificationOptions EffectiveChecks()
    {
        Checks.PerceptualShare = Perceptual ? PerceptualShare : 0;
        return Checks;
    }

    /// <summary>Throws naming the first bad option.</summary>
    public void Validate()
    {
        if (!(PerceptualShare is >= 0 and <= 1)) throw new ArgumentOutOfRangeException(nameof(PerceptualShare), PerceptualShare, "Must be 0..1 (e.g. 0.1 checks one segment in ten).");
        if (PublicBaseUri is { } u && (!u.IsAbsoluteUri || u.Scheme is not ("http" or "https")))
            throw new ArgumentException($"PublicBaseUri must be an absolute http(s) URI, got {u}.", nameof(PublicBaseUri));
        if (MaxEvidenceBundles < 1) throw new ArgumentOutOfRangeException(nameof(MaxEvidenceBundles), MaxEvidenceBundles, "Must be at least 1.");
        if (RememberedFindings < 1) throw new ArgumentOutOfRangeException(nameof(RememberedFindings), RememberedFindings, "Must be at least 1.");
        if (FindingRetention <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(FindingRetention), "Must be positive.");
        if (RememberedResults < 1) throw new ArgumentOutOfRangeException(nameof(RememberedResults), RememberedResults, "Must be at least 1.");
        if (Enabled) EffectiveChecks().Validate();
    }
}
