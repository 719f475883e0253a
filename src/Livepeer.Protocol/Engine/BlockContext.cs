namespace Livepeer.Protocol.Engine;

/// <summary>The block a call executes in: its number, hash, parent hash (stored by initializeRound) and timestamp (seconds).</summary>
public readonly record struct BlockContext(long Number, Hash Hash, Hash ParentHash, long Timestamp);
