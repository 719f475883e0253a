using Livepeer.Chain.Client;
using Livepeer.Core.Crypto;

namespace Livepeer.Node.Chains;

/// <summary>How a node reaches its chain: the embedded ledger (<see cref="LedgerConnector"/>) or Livepeer's contracts on an EVM chain (<see cref="EthereumConnector"/>).</summary>
public interface IChainConnector
{
    /// <summary>Where the chain is, for logs and status pages.</summary>
    string Describe { get; }

    /// <summary>A client signing with <paramref name="key"/> (read-only when null); refuses an endpoint on the wrong chain.</summary>
    Task<ILivepeerChain> ConnectAsync(PrivateKey? key, TimeProvider time, CancellationToken ct);
}
