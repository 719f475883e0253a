using Livepeer.Core;

namespace Livepeer.Ethereum.Networks;

/// <summary>Which block number the contracts see as block.number: the chain's own, or (on Arbitrum) the L1 block's.</summary>
public enum BlockClock
{
    /// <summary>The chain's own block numbers (anvil, a plain EVM chain).</summary>
    Native,
    /// <summary>Arbitrum: block.number inside contracts is the L1 block number, read from the blocks' l1BlockNumber field.</summary>
    ArbitrumL1,
}

/// <summary>
/// A chain the node may use: its chain id (the node refuses any endpoint that reports another), the Controller the
/// contracts are found through, and its block clock. <c>--network</c> names a preset; <c>--eth-controller</c> overrides
/// the preset's Controller.
/// </summary>
public sealed record EthereumNetwork(string Name, long ChainId, Address? Controller, BlockClock Clock)
{
    /// <summary>Livepeer's network on Arbitrum One (go-livepeer's <c>-network arbitrum-one-mainnet</c>).</summary>
    public static readonly EthereumNetwork ArbitrumOneMainnet =
        new("arbitrum-one-mainnet", 42161, Address.Parse("0xD8E8328501E9645d16Cf49539efC04f734606ee4"), BlockClock.ArbitrumL1);

    /// <summary>A local anvil (chain id 31337); its Controller comes from --eth-controller or a deployment file.</summary>
    public static readonly EthereumNetwork Anvil = new("anvil", 31337, null, BlockClock.Native);

    /// <summary>The built-in presets by name.</summary>
    public static IReadOnlyList<EthereumNetwork> Presets { get; } = [ArbitrumOneMainnet, Anvil];

    /// <summary>
    /// The network named <paramref name="name"/> — a preset, or <c>custom:CHAINID</c> for any other EVM chain — with
    /// <paramref name="controller"/> replacing its Controller when given. Throws <see cref="NetworkConfigurationException"/>
    /// when the name is unknown or no Controller is known.
    /// </summary>
    public static EthereumNetwork Resolve(string name, Address? controller)
    {
        EthereumNetwork network;
        if (Presets.FirstOrDefault(p => p.Name == name) is { } preset) network = preset;
        else if (name.StartsWith("custom:", StringComparison.Ordinal) && long.TryParse(name["custom:".Length..], System.Globalization.NumberStyles.None,
                     System.Globalization.CultureInfo.InvariantCulture, out var chainId) && chainId > 0)
            network = new EthereumNetwork(name, chainId, null, BlockClock.Native);
        else
            throw new NetworkConfigurationException(
                $"Unknown network '{name}'. Use one of: {string.Join(", ", Presets.Select(p => p.Name))}, or custom:CHAINID for another EVM chain.");
        if (controller is { } c) network = network with { Controller = c };
        if (network.Controller is null)
            throw new NetworkConfigurationException($"Network '{network.Name}' has no built-in Controller: give --eth-controller ADDRESS.");
        return network;
    }
}

/// <summary>The network options do not name a usable chain; the message says what to give.</summary>
public sealed class NetworkConfigurationException(string message) : Exception(message);
