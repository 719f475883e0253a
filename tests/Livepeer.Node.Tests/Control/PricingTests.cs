using System.Numerics;
using Livepeer.Core;
using Livepeer.Node.Payments;
using Livepeer.Node.Selection;

namespace Livepeer.Node.Tests.Control;

/// <summary>
/// Prices as go-livepeer states them: -pricePerUnit / -pixelsPerUnit as an exact reduced fraction (big.Rat), decimals
/// included; -pricePerBroadcaster's JSON; and the broadcaster's -maxPricePerUnit / -pixelsPerUnit cap on selection.
/// </summary>
public sealed class PricingTests
{
    [Theory]
    [InlineData("1200", "1", 1200, 1)]
    [InlineData("1", "1000", 1, 1000)]
    [InlineData("0.5", "1", 1, 2)]
    [InlineData("1000wei", "3", 1000, 3)]
    [InlineData("2", "4", 1, 2)]
    [InlineData("1.5", "0.25", 6, 1)]
    [InlineData("1e3", "1e6", 1, 1000)]
    [InlineData("0", "7", 0, 1)]
    public void APriceIsAnExactReducedFraction(string price, string pixels, long numerator, long denominator)
    {
        var p = PixelPrice.Parse(price, pixels);
        Assert.Equal(new BigInteger(numerator), p.Numerator);
        Assert.Equal(new BigInteger(denominator), p.Denominator);
        Assert.Equal(numerator, p.ToProto().PricePerUnit);
        Assert.Equal(denominator, p.ToProto().PixelsPerUnit);
    }

    [Theory]
    [InlineData("-1", "1")]
    [InlineData("1", "0")]
    [InlineData("abc", "1")]
    [InlineData("1.2.3", "1")]
    [InlineData("1", "")]
    public void ANonPriceIsRefused(string price, string pixels) => Assert.Throws<FormatException>(() => PixelPrice.Parse(price, pixels));

    [Fact]
    public void PricesCompareExactlyWithoutRounding()
    {
        // 1/3 < 333/999 + 1/999 = 334/999, and 1/3 == 333/999: no float could tell these apart reliably.
        Assert.Equal(0, PixelPrice.Of(1, 3).CompareTo(PixelPrice.Of(333, 999)));
        Assert.True(PixelPrice.Of(1, 3).CompareTo(PixelPrice.Of(334, 999)) < 0);
        Assert.True(PixelPrice.Of(BigInteger.Pow(10, 30) + 1, BigInteger.Pow(10, 30)).CompareTo(PixelPrice.Of(1, 1)) > 0);
    }

    [Fact]
    public void PricePerBroadcasterReadsGoLivepeersJson()
    {
        var prices = PriceList.ParsePerBroadcaster("""
            {"broadcasters":[{"ethaddress":"0xEB62188121725A605f76a97791a1C69B4BdB435D","priceperunit":0,"pixelsperunit":1},
                             {"EthAddress":"0xF115A3dfd39778A6719Ace6AA77A2aD228e90329","PricePerUnit":"1200","PixelsPerUnit":"3"}]}
            """);
        Assert.Equal(PixelPrice.Free, prices[Address.Parse("0xEB62188121725A605f76a97791a1C69B4BdB435D")]);
        Assert.Equal(PixelPrice.Of(400, 1), prices[Address.Parse("0xF115A3dfd39778A6719Ace6AA77A2aD228e90329")]);
        Assert.Contains("ethaddress", Assert.Throws<FormatException>(() => PriceList.ParsePerBroadcaster("""{"broadcasters":[{"ethaddress":"0x12","priceperunit":1}]}""")).Message);
        Assert.Contains("broadcasters", Assert.Throws<FormatException>(() => PriceList.ParsePerBroadcaster("[]")).Message);

        var list = new PriceList(PixelPrice.Of(1, 1000), prices);
        Assert.Equal(PixelPrice.Free, list.For(Address.Parse("0xEB62188121725A605f76a97791a1C69B4BdB435D")));
        Assert.Equal(PixelPrice.Of(1, 1000), list.For(Address.Zero));
        list.SetFor(Address.Parse("0xEB62188121725A605f76a97791a1C69B4BdB435D"), null);
        Assert.Equal(PixelPrice.Of(1, 1000), list.For(Address.Parse("0xEB62188121725A605f76a97791a1C69B4BdB435D")));
    }

    [Fact]
    public void OrchestratorsAboveTheFractionalCapAreNotChosenAndACapChangeAppliesToTheNextChoice()
    {
        // Cap: 1 wei per 500 pixels. One asks 1 per 1000 (under), the other 3 per 1000 (over).
        var options = new SelectionOptions { MaxPrice = PixelPrice.Parse("1", "500") };
        var selector = new OrchestratorSelector(options, new SuspensionList(options, TimeProvider.System), new Random(3));
        OrchestratorCandidate cheap = new(new Address(Enumerable.Repeat((byte)1, 20).ToArray()), new Uri("https://127.0.0.1:1"), 100, 1, 1000);
        OrchestratorCandidate dear = new(new Address(Enumerable.Repeat((byte)2, 20).ToArray()), new Uri("https://127.0.0.1:2"), 900, 3, 1000);
        for (var i = 0; i < 50; i++) Assert.Equal(cheap, selector.Select([cheap, dear]));
        options.MaxPrice = PixelPrice.Parse("0.0005", "1"); // 1 per 2000: now both are above it
        Assert.Null(selector.Select([cheap, dear]));
        options.MaxPrice = null;
        Assert.Equal(2, selector.Eligible([cheap, dear]).Count);
    }
}
