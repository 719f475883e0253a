namespace Livepeer.Protocol.Calls;

/// <summary>Vote on a proposal.</summary>
public sealed record VoteCall(long ProposalId, VoteSupport Support) : ProtocolCall;
