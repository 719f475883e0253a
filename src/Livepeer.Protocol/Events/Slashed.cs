namespace Livepeer.Protocol.Events;

/// <summary>A transcoder was slashed: penalty taken from its pool, finder paid, the rest burned.</summary>
public sealed record Slashed(Address Transcoder, Address Finder, UInt256 Penalty, UInt256 FinderReward, string Reason) : ProtocolEvent;
