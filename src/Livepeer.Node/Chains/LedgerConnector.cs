using Livepeer.Chain.Client;
using Livepeer.Core.Crypto;

namespace Livepeer.Node.Chains;

/// <summary>The embedded ledger at its JSON-RPC URL.</summary>
public sealed record LedgerConnector(Uri Rpc) : IChainConnector
{
    /// <inheritdoc />
    public string Describe => $"the ledger at {Rpc}";

    /// <inheritdoc />
    public Task<ILivepeerChain> ConnectAsync(PrivateKey? key, TimeProvider time, CancellationToken ct) =>
        Task.FromResult<ILivepeerChain>(new LedgerClient(Rpc, key, time: time));
}
