using Livepeer.Core;

namespace Livepeer.Protocol.Events;

/// <summary>A governance proposal was created.</summary>
public sealed record ProposalCreated(long ProposalId, Address Proposer, long VoteStart, long VoteEnd, string Description) : ProtocolEvent;
/// <summary>A vote was cast (support: 0 against, 1 for, 2 abstain).</summary>
public sealed record VoteCast(long ProposalId, Address Voter, int Support, UInt256 Weight) : ProtocolEvent;
/// <summary>A proposal that passed was executed.</summary>
public sealed record ProposalExecuted(long ProposalId) : ProtocolEvent;
/// <summary>Governance replaced the verifier set.</summary>
public sealed record VerifierSetUpdated(int Count, int Threshold) : ProtocolEvent;
/// <summary>Governance paid LPT from the treasury.</summary>
public sealed record TreasurySpent(Address Recipient, UInt256 Amount) : ProtocolEvent;
