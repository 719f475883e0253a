using System.Collections.Immutable;

namespace Livepeer.Protocol.Calls;

/// <summary>Create a proposal.</summary>
public sealed record ProposeCall(ImmutableArray<ProposalAction> Actions, string Description) : ProtocolCall
{
    public bool Equals(ProposeCall? other) => other is not null && Description == other.Description && Actions.SequenceEqual(other.Actions);
    public override int GetHashCode() => Description.GetHashCode(StringComparison.Ordinal);
}
