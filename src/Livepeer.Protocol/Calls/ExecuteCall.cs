namespace Livepeer.Protocol.Calls;

/// <summary>Execute a proposal that passed.</summary>
public sealed record ExecuteCall(long ProposalId) : ProtocolCall;
