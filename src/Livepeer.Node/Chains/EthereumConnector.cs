using Livepeer.Chain.Client;
using Livepeer.Core.Crypto;
using Livepeer.Ethereum.Chain;
using Livepeer.Ethereum.Networks;
using Livepeer.Ethereum.Rpc;
using Livepeer.Ethereum.Transactions;

namespace Livepeer.Node.Chains;

/// <summary>Livepeer's contracts on an EVM chain: the endpoint (--eth-url), the network it must be on, and the gas policy (--max-gas-price).</summary>
public sealed record EthereumConnector(Uri Url, EthereumNetwork Network, GasPolicy? Policy = null) : IChainConnector
{
    /// <inheritdoc />
    public string Describe => $"{Network.Name} (chain {Network.ChainId}) at {Url}, Controller {Network.Controller}";

    /// <inheritdoc />
    public async Task<ILivepeerChain> ConnectAsync(PrivateKey? key, TimeProvider time, CancellationToken ct)
    {
        var rpc = new EthereumRpc(Url);
        try
        {
            return await EthereumChain.ConnectAsync(rpc, Network, key, Policy, ct);
        }
        catch
        {
            rpc.Dispose();
            throw;
        }
    }
}
