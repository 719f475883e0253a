namespace Livepeer.Protocol.Governance;

/// <summary>Pay LPT from the treasury.</summary>
public sealed record TreasurySpend(Address Recipient, UInt256 Amount) : ProposalAction;
