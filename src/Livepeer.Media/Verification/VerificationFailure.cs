namespace Livepeer.Media.Verification;

/// <summary>One failed check of one rendition, with a human-readable reason (measured vs expected).</summary>
/// <param name="Profile">The rendition's profile name.</param>
/// <param name="Check">Which check failed.</param>
/// <param name="Reason">What was measured and what was expected.</param>
public sealed record VerificationFailure(string Profile, VerificationCheck Check, string Reason);
