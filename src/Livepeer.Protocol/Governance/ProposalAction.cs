namespace Livepeer.Protocol.Governance;

/// <summary>What a proposal does when executed.</summary>
public abstract record ProposalAction;
