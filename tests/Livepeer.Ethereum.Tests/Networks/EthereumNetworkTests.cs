using Livepeer.Core;
using Livepeer.Ethereum.Networks;

namespace Livepeer.Ethereum.Tests.Networks;

public sealed class EthereumNetworkTests
{
    [Fact]
    public void ArbitrumOneMainnetIsBuiltInWithLivepeerSControllerAndTheL1Clock()
    {
        var network = EthereumNetwork.Resolve("arbitrum-one-mainnet", controller: null);

        Assert.Equal(42161, network.ChainId);
        Assert.Equal(Address.Parse("0xD8E8328501E9645d16Cf49539efC04f734606ee4"), network.Controller);
        Assert.Equal(BlockClock.ArbitrumL1, network.Clock);
    }

    [Fact]
    public void AnvilAndCustomChainsTakeTheControllerFromTheOption()
    {
        var controller = Address.Parse("0x5FbDB2315678afecb367f032d93F642f64180aa3");

        var anvil = EthereumNetwork.Resolve("anvil", controller);
        var custom = EthereumNetwork.Resolve("custom:1337", controller);

        Assert.Equal((31337L, controller, BlockClock.Native), (anvil.ChainId, anvil.Controller!.Value, anvil.Clock));
        Assert.Equal((1337L, controller), (custom.ChainId, custom.Controller!.Value));
    }

    [Theory]
    [InlineData("mainnet")]
    [InlineData("custom:")]
    [InlineData("custom:-5")]
    [InlineData("anvil")] // no built-in controller and none given
    public void AnUnknownNetworkOrAMissingControllerIsRefusedWithWhatToGive(string name)
    {
        var e = Assert.Throws<NetworkConfigurationException>(() => EthereumNetwork.Resolve(name, controller: null));
        Assert.Matches("arbitrum-one-mainnet|--eth-controller", e.Message);
    }
}
