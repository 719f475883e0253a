using Livepeer.Ethereum.Networks;
using Livepeer.Ethereum.Rpc;
using Nethereum.Hex.HexTypes;
using Newtonsoft.Json.Linq;

namespace Livepeer.Ethereum.Blocks;

/// <summary>The block number the protocol's contracts see as <c>block.number</c>: rounds and ticket expiration count in it.</summary>
public interface IBlockNumberSource
{
    /// <summary>The current protocol block number.</summary>
    Task<long> CurrentAsync(CancellationToken ct = default);
}

/// <summary>A plain EVM chain: the chain's own block number.</summary>
public sealed class NativeBlockNumbers(EthereumRpc rpc) : IBlockNumberSource
{
    /// <inheritdoc />
    public Task<long> CurrentAsync(CancellationToken ct = default) => rpc.BlockNumberAsync(ct);
}

/// <summary>Arbitrum: contracts see the L1 (Ethereum) block number, which Arbitrum's blocks carry as <c>l1BlockNumber</c>.</summary>
public sealed class ArbitrumL1BlockNumbers(EthereumRpc rpc) : IBlockNumberSource
{
    /// <inheritdoc />
    public async Task<long> CurrentAsync(CancellationToken ct = default)
    {
        var block = await rpc.GetBlockJsonAsync("latest", ct).ConfigureAwait(false)
            ?? throw new InvalidDataException($"The node at {rpc.Url} returned no latest block.");
        return L1BlockNumber(block);
    }

    /// <summary>The <c>l1BlockNumber</c> field of an Arbitrum block (eth_getBlockByNumber's result).</summary>
    public static long L1BlockNumber(JObject block) =>
        block["l1BlockNumber"] is JValue { Type: JTokenType.String } v && ((string)v!).StartsWith("0x", StringComparison.Ordinal)
            ? (long)new HexBigInteger((string)v!).Value
            : throw new InvalidDataException(
                $"Block {block["number"]} has no l1BlockNumber field: the endpoint is not an Arbitrum node, but the network says the contracts count L1 blocks.");
}

/// <summary>The block number source of a network's clock.</summary>
public static class BlockNumberSources
{
    /// <summary>The source for <paramref name="clock"/> over <paramref name="rpc"/>.</summary>
    public static IBlockNumberSource For(BlockClock clock, EthereumRpc rpc) => clock switch
    {
        BlockClock.Native => new NativeBlockNumbers(rpc),
        BlockClock.ArbitrumL1 => new ArbitrumL1BlockNumbers(rpc),
        _ => throw new ArgumentOutOfRangeException(nameof(clock), clock, "Unknown block clock."),
    };
}
