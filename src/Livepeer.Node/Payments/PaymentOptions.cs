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

    /// <summary>Senders' nonces remembered per recipientRandHash, to refuse replays.</summary>
    public int MaxRememberedNonces { get; set; } = 100_000;

    /// <summary>Throws naming the first option out of range.</summary>
    public void Validate()
    {
        if (RedemptionCost.IsZero) throw new ArgumentOutOfRangeException(nameof(RedemptionCost), "Must be positive.");
        if (TxCostMultiplier == 0) throw new ArgumentOutOfRangeException(nameof(TxCostMultiplier), "Must be positive.");
        if (TicketExpectedValue.IsZero) throw new ArgumentOutOfRangeException(nameof(TicketExpectedValue), "Must be positive.");
        if (ParamsValidityBlocks < 1) throw new ArgumentOutOfRangeException(nameof(ParamsValidityBlocks), "Must be at least 1.");
        if (MaxRememberedNonces < 1000) throw new ArgumentOutOfRangeException(nameof(MaxRememberedNonces), "Must be at least 1000.");
    }
}
