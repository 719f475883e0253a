using System.Numerics;
using Livepeer.Core;

namespace Livepeer.Node.Payments;

/// <summary>
/// The most a broadcaster lets an orchestrator's tickets ask, with go-livepeer's names and defaults: one ticket's expected
/// value (-maxTicketEV), the expected value of the tickets sent with one segment (-maxTotalEV), the face value (the
/// deposit divided by -depositMultiplier, and an absolute --max-face-value). An orchestrator whose ticket parameters fall
/// outside them is not used: a winning ticket can never take more of the deposit than the operator agreed to.
/// </summary>
public sealed class PaymentLimits
{
    /// <summary>go-livepeer's default -maxTicketEV: 3e12 wei.</summary>
    public static readonly UInt256 DefaultMaxTicketEV = (UInt256)3_000_000_000_000UL;
    /// <summary>go-livepeer's default -maxTotalEV: 2e13 wei.</summary>
    public static readonly UInt256 DefaultMaxTotalEV = (UInt256)20_000_000_000_000UL;
    /// <summary>go-livepeer's default -depositMultiplier: a face value may be the whole deposit.</summary>
    public const int DefaultDepositMultiplier = 1;

    /// <summary>Most expected value of one ticket, in wei (--max-ticket-ev).</summary>
    public UInt256 MaxTicketEV { get; set; } = DefaultMaxTicketEV;

    /// <summary>Most expected value of the tickets sent with one segment, in wei (--max-total-ev).</summary>
    public UInt256 MaxTotalEV { get; set; } = DefaultMaxTotalEV;

    /// <summary>Most face value of a ticket, in wei (--max-face-value); zero: only the deposit bound applies.</summary>
    public UInt256 MaxFaceValue { get; set; } = UInt256.Zero;

    /// <summary>A face value may be at most deposit / this (--deposit-multiplier).</summary>
    public int DepositMultiplier { get; set; } = DefaultDepositMultiplier;

    /// <summary>Throws naming the first limit out of range.</summary>
    public void Validate()
    {
        if (MaxTicketEV.IsZero) throw new ArgumentOutOfRangeException(nameof(MaxTicketEV), "Must be positive (no ticket could be accepted).");
        if (MaxTotalEV < MaxTicketEV) throw new ArgumentOutOfRangeException(nameof(MaxTotalEV), $"Must be at least the max ticket EV ({MaxTicketEV} wei).");
        if (DepositMultiplier < 1) throw new ArgumentOutOfRangeException(nameof(DepositMultiplier), DepositMultiplier, "Must be at least 1.");
    }

    /// <summary>
    /// Why <paramref name="offered"/> is refused before any ticket is sent, or null when acceptable. <paramref name="deposit"/>
    /// is the sender's deposit in wei, or null when unknown (no chain: the deposit bound is not checked).
    /// </summary>
    public string? Refusal(TicketParams offered, UInt256? deposit)
    {
        var ev = offered.ExpectedValueAttowei;
        if (ev > MaxTicketEV.Value * Attowei.PerWei)
            return $"ticket EV {Wei(ev)} wei > max ticket EV {MaxTicketEV} wei (--max-ticket-ev)";
        if (!MaxFaceValue.IsZero && offered.FaceValue > MaxFaceValue)
            return $"ticket face value {offered.FaceValue} wei > max face value {MaxFaceValue} wei (--max-face-value)";
        if (deposit is { } d)
        {
            var cap = d.Value / DepositMultiplier;
            if (offered.FaceValue.Value > cap)
                return $"ticket face value {offered.FaceValue} wei > deposit {d} wei / deposit multiplier {DepositMultiplier} (--deposit-multiplier)";
        }
        return null;
    }

    /// <summary>Why sending <paramref name="tickets"/> tickets of <paramref name="offered"/> with one segment is refused, or null.</summary>
    public string? Refusal(TicketParams offered, int tickets, UInt256? deposit)
    {
        if (Refusal(offered, deposit) is { } single) return single;
        var total = offered.ExpectedValueAttowei * tickets;
        return total > MaxTotalEV.Value * Attowei.PerWei
            ? $"total ticket EV {Wei(total)} wei for {tickets} tickets > max total EV {MaxTotalEV} wei (--max-total-ev)"
            : null;
    }

    private static string Wei(BigInteger attowei) => (attowei / Attowei.PerWei).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
