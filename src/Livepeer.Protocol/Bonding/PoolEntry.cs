namespace Livepeer.Protocol.Bonding;

/// <summary>One member of the transcoder pool with its sort key (its delegated stake).</summary>
public readonly record struct PoolEntry(Address Transcoder, UInt256 Stake);
