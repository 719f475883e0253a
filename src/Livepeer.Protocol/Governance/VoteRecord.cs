namespace Livepeer.Protocol.Governance;

/// <summary>A cast vote: the choice and the weight counted (an orchestrator's weight shrinks when its delegators vote themselves).</summary>
public sealed record VoteRecord(VoteSupport Support, UInt256 Weight);
