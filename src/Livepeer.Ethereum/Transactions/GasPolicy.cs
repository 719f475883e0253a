using System.Numerics;

namespace Livepeer.Ethereum.Transactions;

/// <summary>How a node prices, caps and shepherds its transactions.</summary>
public sealed record GasPolicy
{
    /// <summary>The most the node pays per gas (--max-gas-price), in wei; null for no cap. No transaction is ever signed above it.</summary>
    public BigInteger? MaxGasPrice { get; init; }
    /// <summary>Gas limit = eth_estimateGas plus this share, for state that moves between estimate and inclusion.</summary>
    public int GasLimitMarginPercent { get; init; } = 25;
    /// <summary>The tip used when the node has no eth_maxPriorityFeePerGas.</summary>
    public BigInteger FallbackPriorityFee { get; init; } = 1_000_000_000;
    /// <summary>How long a sent transaction may wait for a block before it is replaced with a higher fee.</summary>
    public TimeSpan ReplaceAfter { get; init; } = TimeSpan.FromSeconds(30);
    /// <summary>How much a replacement raises the fee cap and tip, in percent (nodes require at least 10).</summary>
    public int ReplacementBumpPercent { get; init; } = 25;
    /// <summary>How often a receipt is polled.</summary>
    public TimeSpan ReceiptPollInterval { get; init; } = TimeSpan.FromMilliseconds(200);
    /// <summary>How long to wait for a block, replacements included, before giving up with <see cref="TransactionNotMinedException"/>.</summary>
    public TimeSpan MineTimeout { get; init; } = TimeSpan.FromMinutes(10);
}
