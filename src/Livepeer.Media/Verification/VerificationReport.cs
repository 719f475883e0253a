namespace Livepeer.Media.Verification;

/// <summary>The outcome of verifying every rendition of one segment.</summary>
/// <param name="Renditions">One entry per rendition, in the order given.</param>
public sealed record VerificationReport(IReadOnlyList<RenditionVerification> Renditions)
{
    /// <summary>True when every rendition passed every check that ran.</summary>
    public bool Passed => Renditions.All(r => r.Failures.Count == 0);

    /// <summary>All failures, rendition by rendition.</summary>
    public IEnumerable<VerificationFailure> Failures => Renditions.SelectMany(r => r.Failures);

    /// <summary>True when the perceptual check ran on this segment.</summary>
    public bool Perceptual { get; init; }

    /// <summary>Wall-clock time the verification took.</summary>
    public TimeSpan Elapsed { get; init; }
}
