namespace Livepeer.Protocol.Events;

/// <summary>A governance proposal was created.</summary>
public sealed record ProposalCreated(long ProposalId, Address Proposer, long VoteStart, long VoteEnd, string Description) : ProtocolEvent;
