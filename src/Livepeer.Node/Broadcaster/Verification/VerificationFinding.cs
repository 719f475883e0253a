using Livepeer.Core;

namespace Livepeer.Node.Broadcaster.Verification;

/// <summary>
/// A result the broadcaster caught: which orchestrator, what (failed-verification or equivocation), the evidence hash
/// (the bundle's for a failed verification), and what happened on the ledger (transaction hash or the error).
/// </summary>
public sealed record VerificationFinding(Address Orchestrator, string ManifestId, long Seq, string Kind, Hash Evidence, string Reason)
{
    /// <summary>The ledger transaction that reported or slashed, once in a block.</summary>
    public Hash? Transaction { get; set; }
    /// <summary>Why the ledger refused it, or why it was not sent.</summary>
    public string? ChainError { get; set; }
}
