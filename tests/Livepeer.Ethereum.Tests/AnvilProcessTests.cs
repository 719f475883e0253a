using Livepeer.Ethereum.Anvil;
using Nethereum.Web3;

namespace Livepeer.Ethereum.Tests;

public sealed class AnvilProcessTests
{
    [Fact]
    public async Task StartsOnAFreeLoopbackPortWithTheChainIdAndFundedAccountsItWasGiven()
    {
        await using var anvil = await AnvilProcess.StartAsync(new AnvilOptions { ChainId = 4242, Accounts = 3 });
        var web3 = new Web3(anvil.RpcUrl.ToString());

        Assert.Equal(4242, (long)(await web3.Eth.ChainId.SendRequestAsync()).Value);
        Assert.Equal(3, anvil.PrivateKeys.Count);
        var first = new Nethereum.Web3.Accounts.Account(anvil.PrivateKeys[0]).Address;
        var balance = await web3.Eth.GetBalance.SendRequestAsync(first);
        Assert.Equal(Web3.Convert.ToWei(10_000), balance.Value);
    }

    [Fact]
    public async Task TwoInstancesRunSideBySideAndStopWhenDisposed()
    {
        var a = await AnvilProcess.StartAsync();
        await using var b = await AnvilProcess.StartAsync();
        Assert.NotEqual(a.Port, b.Port);
        await a.DisposeAsync();
        Assert.False(a.IsRunning);
        Assert.True(b.IsRunning);
    }
}
