using System.Collections.Immutable;

namespace Livepeer.Protocol.Governance;

/// <summary>Governance globals: the next proposal id and the verifier set that may slash on failed verification.</summary>
public sealed record GovernanceInfo
{
    /// <summary>Id of the next proposal.</summary>
    public long NextProposalId { get; init; } = 1;
    /// <summary>Verifier addresses (sorted).</summary>
    public ImmutableArray<Address> Verifiers { get; init; } = ImmutableArray<Address>.Empty;
    /// <summary>Attestations needed to slash (k of n).</summary>
    public int VerifierThreshold { get; init; }

    public bool Equals(GovernanceInfo? other) => other is not null && NextProposalId == other.NextProposalId
        && Verifiers.SequenceEqual(other.Verifiers) && VerifierThreshold == other.VerifierThreshold;
    public override int GetHashCode() => NextProposalId.GetHashCode();
}
