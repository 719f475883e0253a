using System.Collections.Immutable;
using Livepeer.Core;
using Livepeer.Protocol.Parameters;

namespace Livepeer.Protocol.Governance;

/// <summary>What a proposal does when executed.</summary>
public abstract record ProposalAction;

/// <summary>Set one protocol parameter.</summary>
public sealed record ParameterChange(ParameterName Name, UInt256 Value) : ProposalAction;

/// <summary>Replace the verifier set and the number of attestations needed to slash.</summary>
public sealed record VerifierSetChange(ImmutableArray<Address> Verifiers, int Threshold) : ProposalAction
{
    public bool Equals(VerifierSetChange? other) => other is not null && Threshold == other.Threshold && Verifiers.SequenceEqual(other.Verifiers);
    public override int GetHashCode() => Threshold;
}

/// <summary>Pay LPT from the treasury.</summary>
public sealed record TreasurySpend(Address Recipient, UInt256 Amount) : ProposalAction;
