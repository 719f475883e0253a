using Livepeer.Chain.Client;
using Livepeer.Ethereum.Chain;

namespace Livepeer.Node.Chains;

/// <summary>
/// Protocol events from either chain, for the nodes that follow them (the verifier, the dashboard). Logs are numbered by
/// the endpoint's own blocks (on Arbitrum the L2 blocks, not the L1 blocks rounds count).
/// </summary>
public static class ChainLogs
{
    /// <summary>Most blocks one query spans.</summary>
    public const long MaxRange = Livepeer.Chain.Rpc.LedgerRpcMethods.MaxLogRange;

    /// <summary>The newest block logs can be read up to.</summary>
    public static Task<long> HeadAsync(ILivepeerChain chain, CancellationToken ct) => chain switch
    {
        EthereumChain e => e.LogBlockNumberAsync(ct),
        _ => chain.BlockNumberAsync(ct),
    };

    /// <summary>The events named <paramref name="events"/> in blocks <paramref name="fromBlock"/>..<paramref name="toBlock"/>.</summary>
    public static Task<IReadOnlyList<ChainLog>> GetAsync(ILivepeerChain chain, long fromBlock, long toBlock, IReadOnlyList<string> events, CancellationToken ct) => chain switch
    {
        LedgerClient ledger => ledger.GetLogsAsync(fromBlock, toBlock, events, ct),
        EthereumChain ethereum => ethereum.GetLogsAsync(fromBlock, toBlock, events, ct),
        _ => throw new NotSupportedException($"{chain.GetType().Name} does not serve protocol events."),
    };
}
