namespace Livepeer.Node.Evidence;

/// <summary>One failed check the finder saw: profile, check name (Decode, Pixels, Perceptual, ...) and why.</summary>
public sealed record EvidenceFailure(string Profile, string Check, string Reason);
