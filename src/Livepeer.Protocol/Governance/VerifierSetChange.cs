using System.Collections.Immutable;

namespace Livepeer.Protocol.Governance;

/// <summary>Replace the verifier set and the number of attestations needed to slash.</summary>
public sealed record VerifierSetChange(ImmutableArray<Address> Verifiers, int Threshold) : ProposalAction
{
    public bool Equals(VerifierSetChange? other) => other is not null && Threshold == other.Threshold && Verifiers.SequenceEqual(other.Verifiers);
    public override int GetHashCode() => Threshold;
}
