using Livepeer.Core;

namespace Livepeer.Node.Verifier;

/// <summary>What a verifier did with one report: attested (the check failed again) or declined, and why.</summary>
public sealed record VerifierDecision(Address Transcoder, Hash Evidence, bool Attested, string Reason);
