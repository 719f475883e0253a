using Livepeer.Chain.Client;
using Livepeer.Ethereum.Rpc;
using Livepeer.Ethereum.Transactions;

namespace Livepeer.Ethereum.Tests.Rpc;

public sealed class EthereumRpcTests
{
    private static readonly RpcRetryPolicy FastRetry = new() { Attempts = 4, InitialBackoff = TimeSpan.FromMilliseconds(10) };

    [Fact]
    public async Task TransientFailuresAreRetriedAndTheTransactionGoesThroughOnce()
    {
        await using var chain = await DevChain.StartAsync();
        await using var proxy = await FlakyProxy.StartAsync(chain.Anvil.RpcUrl, failures: 3);
        using var rpc = new EthereumRpc(proxy.Url, FastRetry);

        var receipt = await chain.Sender(0, rpc: rpc).SendAsync(EthereumTransaction.Transfer("0x00000000000000000000000000000000000000bb", 42));

        Assert.Equal(3, proxy.Failed);
        Assert.Equal(0UL, receipt.Nonce);
        Assert.Equal(42, (int)await chain.Rpc.BalanceAsync("0x00000000000000000000000000000000000000bb"));
    }

    [Fact]
    public async Task ANodeThatKeepsFailingIsReportedUnavailableWithItsUrlAfterTheAttempts()
    {
        await using var chain = await DevChain.StartAsync();
        await using var proxy = await FlakyProxy.StartAsync(chain.Anvil.RpcUrl, failures: 1000);
        using var rpc = new EthereumRpc(proxy.Url, FastRetry);

        var e = await Assert.ThrowsAsync<ChainUnavailableException>(() => rpc.ChainIdAsync());

        Assert.Equal(FastRetry.Attempts, proxy.Failed);
        Assert.Contains(proxy.Url.ToString().TrimEnd('/'), e.Message);
    }

    [Fact]
    public async Task AJsonRpcErrorIsNotRetried()
    {
        await using var chain = await DevChain.StartAsync();
        await using var proxy = await FlakyProxy.StartAsync(chain.Anvil.RpcUrl, failures: 0);
        using var rpc = new EthereumRpc(proxy.Url, FastRetry);

        await Assert.ThrowsAsync<Nethereum.JsonRpc.Client.RpcResponseException>(() => rpc.SendRawTransactionAsync("0x00"));
    }
}
