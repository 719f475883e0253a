using System.Numerics;
using Livepeer.Ethereum.Deployment;
using Livepeer.Protocol.Parameters;

namespace Livepeer.Ethereum.Tests.Contracts;

public sealed class DeploymentTests
{
    [Fact]
    public async Task AFreshChainGetsEveryContractRegisteredUnderLivepeersNamesConfiguredAndUnpaused()
    {
        await using var chain = await DeployedProtocol.StartAsync();
        var r = chain.Record;
        var p = ProtocolParameters.Devnet;

        Assert.Equal(31337, r.ChainId);
        Assert.True(r.Block > 0);
        Assert.False(await chain.CallAsync<bool>("Controller", "paused"));
        Assert.Equal(chain.Address(0), await chain.CallAsync<string>("Controller", "owner"), StringComparer.OrdinalIgnoreCase);
        foreach (var name in new[] { "LivepeerToken", "Minter", "RoundsManager", "BondingManager", "TicketBroker", "ServiceRegistry" })
            Assert.Equal(r.Address(name), await chain.CallAsync<string>("Controller", "getContract", ContractNames.Id(name)), StringComparer.OrdinalIgnoreCase);
        Assert.Equal(r.Address("TicketBroker"), r.Address("JobsManager"));
        Assert.Equal(chain.Address(9), r.Address("Verifier"), StringComparer.OrdinalIgnoreCase);

        Assert.Equal(p.RoundLength, (long)await chain.CallAsync<BigInteger>("RoundsManager", "roundLength"));
        Assert.Equal(p.RoundLockAmount, (long)await chain.CallAsync<BigInteger>("RoundsManager", "roundLockAmount"));
        Assert.Equal(p.UnbondingPeriod, (long)await chain.CallAsync<ulong>("BondingManager", "unbondingPeriod"));
        Assert.Equal(p.NumActiveTranscoders, (long)await chain.CallAsync<BigInteger>("BondingManager", "getTranscoderPoolMaxSize"));
        Assert.Equal(p.UnlockPeriod, (long)await chain.CallAsync<BigInteger>("TicketBroker", "unlockPeriod"));
        Assert.Equal(p.TicketValidityPeriod, (long)await chain.CallAsync<BigInteger>("TicketBroker", "ticketValidityPeriod"));
        Assert.Equal(p.InitialInflation, (long)await chain.CallAsync<BigInteger>("Minter", "inflation"));
        Assert.Equal(8000 * DeployedProtocol.Lpt, await chain.CallAsync<BigInteger>("LivepeerToken", "totalSupply"));
        Assert.Equal(1000 * DeployedProtocol.Lpt, await chain.CallAsync<BigInteger>("LivepeerToken", "balanceOf", chain.Address(3)));

        var json = r.ToJson();
        Assert.Equal(r.Contracts, DeploymentRecord.FromJson(json).Contracts);
        Assert.Contains("\"chainId\": 31337", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheDeployerKeepsNoMintingPowerAndOnlyTheControllerOwnerChangesParameters()
    {
        await using var chain = await DeployedProtocol.StartAsync();
        await chain.ExpectRevertAsync(DeployedProtocol.ErrorSelector("AccessControlUnauthorizedAccount(address,bytes32)"), 0, "LivepeerToken", "mint", chain.Address(0), BigInteger.One);
        await chain.ExpectRevertAsync("caller must be Controller owner", 1, "BondingManager", "setUnbondingPeriod", (ulong)1);
        await chain.ExpectRevertAsync("msg.sender not BondingManager", 1, "Minter", "createReward", BigInteger.One, BigInteger.One);
        await chain.ExpectRevertAsync("caller must be TicketBroker", 1, "BondingManager", "updateTranscoderWithFees", chain.Address(1), BigInteger.One, BigInteger.One);
        Assert.Equal(ProtocolParameters.Devnet.UnbondingPeriod, (long)await chain.CallAsync<ulong>("BondingManager", "unbondingPeriod"));
    }
}
