using Livepeer.Core;
using Livepeer.Ethereum.Contracts;
using Livepeer.Ethereum.Networks;
using Livepeer.Ethereum.Rpc;
using Livepeer.Ethereum.Tests.Contracts;
using Livepeer.Ethereum.Transactions;

namespace Livepeer.Ethereum.Tests.Networks;

public sealed class DeploymentVerifierTests
{
    [Fact]
    public async Task OurOwnDeploymentAnswersEveryCheckOfLivepeerSInterface()
    {
        await using var protocol = await DeployedProtocol.StartAsync(governance: true); // the whole set, as `contracts deploy` makes it
        using var rpc = new EthereumRpc(protocol.RpcUrl);

        var checks = await DeploymentVerifier.VerifyAsync(rpc, Address.Parse(protocol.Record.Controller));

        Assert.All(checks, c => Assert.True(c.Passed, $"{c.Contract} {c.What}: {c.Detail}"));
        Assert.Equal(1 + 2 * (ContractRegistry.NodeContracts.Count + ContractRegistry.GovernanceContracts.Count) + DeploymentVerifier.Views.Values.Sum(v => v.Count), checks.Count);
    }

    [Fact]
    public async Task AControllerWithoutTheProtocolFailsNamingEachMissingContract()
    {
        await using var chain = await DevChain.StartAsync();
        var controller = (await chain.Sender(0).SendAsync(new EthereumTransaction(null, ContractArtifacts.Locate().Get("Controller").Bytecode, 0))).ContractAddress!;

        var checks = await DeploymentVerifier.VerifyAsync(chain.Rpc, Address.Parse(controller));
        var failed = checks.Where(c => !c.Passed).Select(c => c.Contract).ToList();

        Assert.Equal(ContractRegistry.NodeContracts, failed);
        var empty = await DeploymentVerifier.VerifyAsync(chain.Rpc, Address.Parse("0x00000000000000000000000000000000000000cc"));
        Assert.False(Assert.Single(empty).Passed);
    }
}
