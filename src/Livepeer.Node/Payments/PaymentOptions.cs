using Livepeer.Core;

namespace Livepeer.Node.Payments;

/// <summary>How an orchestrator prices tickets and how long its offers last.</summary>
public sealed class PaymentOptions
{
    /// <summary>What redeeming a winning ticket costs the recipient, in wei.</summary>
    public UInt256 RedemptionCost { get; set; } = (UInt256)10_000_000_000_000UL; // 0.00001 ETH

    /// <summary>Face value = redemption cost × this, so redeeming is always worth it (go-livepeer's txCostMultiplier).</summary>
    public ulong TxCostMultiplier { get; set; } = 100;

    /// <summary>Expected value of one ticket, in wei.</summary>
    public UInt256 TicketExpectedValue { get; set; } = (UInt256)1_000_000_000_000UL; // 1000 gwei

    /// <summary>Blocks an offer of ticket parameters stays valid.</summary>
    public long ParamsValidityBlocks { get; set; } = 100;

    /// <summary>A session's balance is forgotten after this long without payments or fees.</summary>
    public TimeSpan BalanceIdleTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Most session balances kept at once; past it the longest idle is forgotten.</summary>
    public int MaxBalances { get; set; } = 10_000;

    /// <summary>Throws naming the first option out of range.</summary>
    public void Validate()
    {
        if (RedemptionCost.IsZero) throw new ArgumentOutOfRangeException(nameof(RedemptionCost), "Must be positive.");
        if (TxCostMultiplier == 0) throw new ArgumentOutOfRangeException(nameof(TxCostMultiplier), "Must be positive.");
        if (TicketExpectedValue.IsZero) throw new ArgumentOutOfRangeException(nameof(TicketExpectedValue), "Must be positive.");
        if (ParamsValidityBlocks < 1) throw new ArgumentOutOfRangeException(nameof(ParamsValidityBlocks), "Must be at least 1.");
        if (BalanceIdleTimeout <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(BalanceIdleTimeout), "Must be positive.");
        if (MaxBalances < 1) throw new ArgumentOutOfRangeException(nameof(MaxBalances), "Must be at least 1.");
    }
}
