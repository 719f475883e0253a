namespace Livepeer.Chain.Client;

/// <summary>One event in a block, as lp_getLogs returns it.</summary>
public sealed record ChainLog(long BlockNumber, Hash TransactionHash, ChainEvent Event);
