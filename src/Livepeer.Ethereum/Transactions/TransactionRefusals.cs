using System.Numerics;

namespace Livepeer.Ethereum.Transactions;

/// <summary>The endpoint reports a chain other than the one the node was told; nothing was signed or sent.</summary>
public sealed class WrongChainException(long expectedChainId, long actualChainId, Uri url)
    : Exception($"The Ethereum node at {url} is on chain {actualChainId}, not chain {expectedChainId} as told (--network/--eth-url): nothing was signed or sent.")
{
    /// <summary>The chain id the node was told.</summary>
    public long ExpectedChainId { get; } = expectedChainId;
    /// <summary>The chain id the endpoint reports.</summary>
    public long ActualChainId { get; } = actualChainId;
}

/// <summary>The fee the chain needs now is above the operator's --max-gas-price; nothing was sent.</summary>
public sealed class GasPriceCapExceededException(BigInteger cap, BigInteger required)
    : Exception($"The chain's base fee needs {required} wei per gas, above --max-gas-price {cap} wei: nothing was sent. Raise --max-gas-price or wait for lower fees.")
{
    /// <summary>The operator's cap (wei per gas).</summary>
    public BigInteger Cap { get; } = cap;
    /// <summary>What the transaction would need now (wei per gas).</summary>
    public BigInteger Required { get; } = required;
}

/// <summary>A sent transaction (and its replacements) did not reach a block in time; it may still be mined later.</summary>
public sealed class TransactionNotMinedException(IReadOnlyList<string> hashes, ulong nonce, TimeSpan waited)
    : Exception($"Transaction nonce {nonce} ({string.Join(", ", hashes)}) was not mined within {waited.TotalSeconds:0} s; it may still be. Check the chain's fees and --max-gas-price.")
{
    /// <summary>Every hash sent for this nonce, the original first.</summary>
    public IReadOnlyList<string> Hashes { get; } = hashes;
    /// <summary>The account nonce they share.</summary>
    public ulong Nonce { get; } = nonce;
}
