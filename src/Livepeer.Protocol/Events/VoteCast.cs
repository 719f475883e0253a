namespace Livepeer.Protocol.Events;

/// <summary>A vote was cast (support: 0 against, 1 for, 2 abstain).</summary>
public sealed record VoteCast(long ProposalId, Address Voter, int Support, UInt256 Weight) : ProtocolEvent;
