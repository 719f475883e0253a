using Livepeer.Core;
using Livepeer.Node.Payments;

namespace Livepeer.Node.Tests.Payments;

/// <summary>The broadcaster's ticket limits with go-livepeer's defaults: ticket EV, total EV per segment, face value against the deposit.</summary>
public sealed class PaymentLimitsTests
{
    private static readonly UInt256 Eth = (UInt256)1_000_000_000_000_000_000UL;

    private static TicketParams Offer(UInt256 faceValue, UInt256 ev) =>
        new(new Address(new byte[20]), faceValue, TicketParams.WinProbFor(ev, faceValue), default, default, 100, 1, default);

    [Fact]
    public void DefaultsAreGoLivepeers()
    {
        var limits = new PaymentLimits();
        Assert.Equal((UInt256)3_000_000_000_000UL, limits.MaxTicketEV);
        Assert.Equal((UInt256)20_000_000_000_000UL, limits.MaxTotalEV);
        Assert.Equal(1, limits.DepositMultiplier);
        Assert.True(limits.MaxFaceValue.IsZero);
    }

    [Fact]
    public void AnHonestOfferPassesAndAGreedyOneIsRefusedByName()
    {
        var limits = new PaymentLimits();
        Assert.Null(limits.Refusal(Offer((UInt256)1_000_000_000_000_000UL, (UInt256)1_000_000_000_000UL), Eth));
        // Face value near the whole deposit and every ticket winning: one segment would take 0.99 ETH.
        var greedy = limits.Refusal(Offer(Eth / (UInt256)100UL * (UInt256)99UL, Eth / (UInt256)100UL * (UInt256)99UL), Eth);
        Assert.Contains("--max-ticket-ev", greedy);
        // Just above the ticket EV limit, by one wei.
        Assert.Contains("--max-ticket-ev", limits.Refusal(Offer(Eth, limits.MaxTicketEV + (UInt256)1UL), null));
        Assert.Null(limits.Refusal(Offer(Eth, limits.MaxTicketEV), null));
    }

    [Fact]
    public void FaceValueIsBoundedByDepositOverMultiplierAndByTheAbsoluteCap()
    {
        var offer = Offer(Eth / (UInt256)10UL * (UInt256)6UL, (UInt256)1_000_000_000_000UL); // 0.6 ETH face, 1e12 EV
        Assert.Null(new PaymentLimits().Refusal(offer, Eth));
        Assert.Contains("--deposit-multiplier", new PaymentLimits { DepositMultiplier = 2 }.Refusal(offer, Eth));
        Assert.Contains("--deposit-multiplier", new PaymentLimits().Refusal(offer, Eth / (UInt256)2UL));
        Assert.Null(new PaymentLimits { DepositMultiplier = 2 }.Refusal(offer, null)); // deposit unknown: that bound is not checked
        Assert.Contains("--max-face-value", new PaymentLimits { MaxFaceValue = Eth / (UInt256)2UL }.Refusal(offer, null));
    }

    [Fact]
    public void TheTicketsForOneSegmentAreBoundedInTotal()
    {
        var limits = new PaymentLimits();
        var offer = Offer((UInt256)1_000_000_000_000_000UL, (UInt256)2_000_000_000_000UL); // 2e12 wei a ticket
        Assert.Null(limits.Refusal(offer, 10, Eth)); // 2e13: at the limit
        Assert.Contains("--max-total-ev", limits.Refusal(offer, 11, Eth));
    }

    [Fact]
    public void BadLimitsAreRefusedByName()
    {
        Assert.Equal("MaxTicketEV", Assert.Throws<ArgumentOutOfRangeException>(() => new PaymentLimits { MaxTicketEV = UInt256.Zero }.Validate()).ParamName);
        Assert.Equal("MaxTotalEV", Assert.Throws<ArgumentOutOfRangeException>(() => new PaymentLimits { MaxTotalEV = (UInt256)1UL }.Validate()).ParamName);
        Assert.Equal("DepositMultiplier", Assert.Throws<ArgumentOutOfRangeException>(() => new PaymentLimits { DepositMultiplier = 0 }.Validate()).ParamName);
    }
}
