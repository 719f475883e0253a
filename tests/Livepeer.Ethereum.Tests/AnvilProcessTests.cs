using Livepeer.Ethereum.Anvil;
using Nethereum.Web3;

namespace Livepeer.Ethereum.Tests;

public sealed class AnvilProcessTests
{
    [Fact]
    public async Task Starts_on_a_free_loopback_port_with_the_chain_id_and_funded_accounts_it_was_given()
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
    public async Task Two_instances_run_side_by_side_and_stop_when_disposed()
    {
        var a = await AnvilProcess.StartAsync();
        await using var b = await AnvilProcess.StartAsync();
        Assert.NotEqual(a.Port, b.Port);
        await a.DisposeAsync();
        Assert.False(a.IsRunning);
        Assert.True(b.IsRunning);
    }
}
