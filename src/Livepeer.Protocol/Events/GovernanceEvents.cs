using Livepeer.Core;

namespace Livepeer.Protocol.Events;

public sealed record ProposalCreated(long ProposalId, Address Proposer, long VoteStart, long VoteEnd, string Description) : ProtocolEvent;
public sealed record VoteCast(long ProposalId, Address Voter, int Support, UInt256 Weight) : ProtocolEvent;
public sealed record ProposalExecuted(long ProposalId) : ProtocolEvent;
public sealed record VerifierSetUpdated(int Count, int Threshold) : ProtocolEvent;
public sealed record TreasurySpent(Address Recipient, UInt256 Amount) : ProtocolEvent;
