namespace Livepeer.Protocol.Events;

/// <summary>A proposal that passed was executed.</summary>
public sealed record ProposalExecuted(long ProposalId) : ProtocolEvent;
