namespace Livepeer.Protocol.Governance;

/// <summary>Set one protocol parameter.</summary>
public sealed record ParameterChange(ParameterName Name, UInt256 Value) : ProposalAction;
