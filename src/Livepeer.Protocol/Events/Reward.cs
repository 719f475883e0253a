namespace Livepeer.Protocol.Events;

/// <summary>A transcoder called reward(); the amount went to its pool (after the treasury cut).</summary>
public sealed record Reward(Address Transcoder, UInt256 Amount) : ProtocolEvent;
