using System.Collections.Immutable;

namespace Livepeer.Protocol.Governance;

/// <summary>A governance proposal and its tallies. Snapshot = VoteStart - 1; voting runs in rounds [VoteStart, VoteEnd).</summary>
public sealed record Proposal
{
    /// <summary>Sequential id (1, 2, ...).</summary>
    public long Id { get; init; }
    /// <summary>Who proposed.</summary>
    public Address Proposer { get; init; } = Address.Zero;
    /// <summary>Free text.</summary>
    public string Description { get; init; } = "";
    /// <summary>Actions run on execution, in order.</summary>
    public ImmutableArray<ProposalAction> Actions { get; init; } = ImmutableArray<ProposalAction>.Empty;
    /// <summary>First voting round (the snapshot round + 1).</summary>
    public long VoteStart { get; init; }
    /// <summary>First round after the vote.</summary>
    public long VoteEnd { get; init; }
    /// <summary>The quorum base: total active stake of round VoteStart (getPastTotalSupply(snapshot)), set by the votes.</summary>
    public UInt256 TotalActiveStake { get; init; }
    /// <summary>Stake voting for.</summary>
    public UInt256 For { get; init; }
    /// <summary>Stake voting against.</summary>
    public UInt256 Against { get; init; }
    /// <summary>Stake abstaining.</summary>
    public UInt256 Abstain { get; init; }
    /// <summary>True once executed.</summary>
    public bool Executed { get; init; }

    public bool Equals(Proposal? other) => other is not null && Id == other.Id && Proposer == other.Proposer
        && Description == other.Description && Actions.SequenceEqual(other.Actions) && VoteStart == other.VoteStart
        && VoteEnd == other.VoteEnd && TotalActiveStake == other.TotalActiveStake && For == other.For
        && Against == other.Against && Abstain == other.Abstain && Executed == other.Executed;
    public override int GetHashCode() => Id.GetHashCode();
}
