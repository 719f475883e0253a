using Livepeer.Core;
using Livepeer.Ethereum.Contracts;
using Livepeer.Ethereum.Deployment;
using Livepeer.Ethereum.Networks;
using Livepeer.Ethereum.Tests.TestContracts;
using Livepeer.Ethereum.Transactions;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace Livepeer.Ethereum.Tests.Networks;

public sealed class ContractRegistryTests
{
    [Fact]
    public void RegistryIdsAreKeccak256OfLivepeerSNames()
    {
        Assert.Equal("2517d59a36a86548e38734e8ab416f42afff4bca78706a66ad65750dae7f9e37", Convert.ToHexStringLower(ContractNames.Id("BondingManager")));
        Assert.Equal("bd1aa3e8d2464256d7fd3dcf645c16418d5d8c51d971f1ad7d57e7b1b5eee239", Convert.ToHexStringLower(ContractNames.Id("TicketBroker")));
    }

    [Fact]
    public async Task ContractsAreFoundThroughTheControllerAndAMissingOneIsNamed()
    {
        await using var chain = await DevChain.StartAsync();
        var owner = chain.Sender(0);
        var controller = Address.Parse((await owner.SendAsync(new EthereumTransaction(null, ContractArtifacts.Locate().Get("Controller").Bytecode, 0))).ContractAddress!);
        var bondingManager = Address.Parse("0x00000000000000000000000000000000000000b1");
        await owner.SendAsync(new EthereumTransaction(controller.ToString(),
            CallData.Of(new SetContractInfoFunction { Id = ContractNames.Id("BondingManager"), Address = bondingManager.ToString(), GitCommitHash = new byte[20] }), 0));

        Assert.Equal(bondingManager, await ContractRegistry.ResolveAsync(chain.Rpc, controller, "BondingManager"));
        Assert.Null(await ContractRegistry.ResolveAsync(chain.Rpc, controller, "TicketBroker"));
        var missing = await Assert.ThrowsAsync<MissingContractException>(() => ContractRegistry.ResolveAllAsync(chain.Rpc, controller, ContractRegistry.NodeContracts));
        Assert.Equal("RoundsManager", missing.Name);
    }

    [Function("setContractInfo")]
    private sealed class SetContractInfoFunction : FunctionMessage
    {
        [Parameter("bytes32", "_id", 1)] public byte[] Id { get; set; } = [];
        [Parameter("address", "_contractAddress", 2)] public string Address { get; set; } = "";
        [Parameter("bytes20", "_gitCommitHash", 3)] public byte[] GitCommitHash { get; set; } = [];
    }
}
