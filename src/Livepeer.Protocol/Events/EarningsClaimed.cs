namespace Livepeer.Protocol.Events;

/// <summary>Rewards and fees were claimed into the bond (LIP-36).</summary>
public sealed record EarningsClaimed(Address Delegate, Address Delegator, UInt256 Rewards, UInt256 Fees, long StartRound, long EndRound) : ProtocolEvent;
