namespace Livepeer.Protocol.Calls;

/// <summary>claimEarnings(endRound): endRound must be the current round (bond-changing calls always claim through it).</summary>
public sealed record ClaimEarningsCall(long EndRound) : ProtocolCall;
