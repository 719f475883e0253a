namespace Livepeer.Protocol.Governance;

/// <summary>Where a proposal is in its life.</summary>
public enum ProposalStatus
{
    Pending,
    Active,
    Defeated,
    Succeeded,
    Executed,
}
