using Livepeer.Core.Crypto;
using Livepeer.Ethereum.Anvil;
using Livepeer.Ethereum.Rpc;
using Livepeer.Ethereum.Tests.TestContracts;
using Livepeer.Ethereum.Transactions;

namespace Livepeer.Ethereum.Tests;

/// <summary>A fresh anvil with a JSON-RPC client and senders for its dev accounts; disposed by the test.</summary>
public sealed class DevChain : IAsyncDisposable
{
    private DevChain(AnvilProcess anvil, EthereumRpc rpc)
    {
        Anvil = anvil;
        Rpc = rpc;
    }

    public AnvilProcess Anvil { get; }
    public EthereumRpc Rpc { get; }
    public long ChainId => Anvil.Options.ChainId;

    public static async Task<DevChain> StartAsync(AnvilOptions? options = null)
    {
        var anvil = await AnvilProcess.StartAsync(options);
        return new DevChain(anvil, new EthereumRpc(anvil.RpcUrl, new RpcRetryPolicy { InitialBackoff = TimeSpan.FromMilliseconds(20) }));
    }

    public PrivateKey Key(int account) => PrivateKey.Parse(Anvil.PrivateKeys[account]);

    public TransactionSender Sender(int account, GasPolicy? policy = null, long? chainId = null, EthereumRpc? rpc = null) =>
        new(rpc ?? Rpc, Key(account), chainId ?? ChainId, policy ?? new GasPolicy { ReceiptPollInterval = TimeSpan.FromMilliseconds(50), MineTimeout = TimeSpan.FromSeconds(30) });

    /// <summary>Deploys the Probe test contract from account 9 (so other accounts' nonces stay at 0); returns its address.</summary>
    public async Task<string> DeployProbeAsync()
    {
        var probe = await TestContract.Probe;
        var receipt = await Sender(9).SendAsync(new EthereumTransaction(null, probe.Bytecode, 0));
        return receipt.ContractAddress!;
    }

    /// <summary>An anvil/evm_* control method.</summary>
    public Task<Newtonsoft.Json.Linq.JToken> ControlAsync(string method, params object[] args) =>
        Rpc.RequestAsync<Newtonsoft.Json.Linq.JToken>(method, CancellationToken.None, args);

    public async ValueTask DisposeAsync()
    {
        Rpc.Dispose();
        await Anvil.DisposeAsync();
    }
}
