using System.Numerics;

namespace Livepeer.Core.Tests.Primitives;

public class TokenAmountTests
{
    private static readonly BigInteger Ether = BigInteger.Pow(10, 18);

    [Theory]
    [InlineData("1.5 LPT", Token.Lpt, "1500000000000000000")]
    [InlineData("1.5", Token.Lpt, "1500000000000000000")]
    [InlineData("0.01 ETH", Token.Eth, "10000000000000000")]
    [InlineData("0.01 eth", Token.Eth, "10000000000000000")]
    [InlineData("1000 wei", Token.Eth, "1000")]
    [InlineData(".5 LPT", Token.Lpt, "500000000000000000")]
    [InlineData("7. LPT", Token.Lpt, "7000000000000000000")]
    [InlineData("0.000000000000000001 ETH", Token.Eth, "1")]
    [InlineData("  2   LPT ", Token.Lpt, "2000000000000000000")]
    public void Parses(string text, Token token, string wei)
    {
        var amount = TokenAmount.Parse(text, token);
        Assert.Equal(wei, amount.Wei.ToString());
        Assert.Equal(token, amount.Token);
    }

    [Theory]
    [InlineData("1500000000000000000", Token.Lpt, "1.5 LPT")]
    [InlineData("10000000000000000", Token.Eth, "0.01 ETH")]
    [InlineData("1", Token.Eth, "0.000000000000000001 ETH")]
    [InlineData("0", Token.Lpt, "0 LPT")]
    [InlineData("1000000000000000000000", Token.Lpt, "1000 LPT")]
    public void Formats(string wei, Token token, string expected)
    {
        var amount = new TokenAmount(UInt256.Parse(wei), token);
        Assert.Equal(expected, amount.ToString());
        Assert.Equal(amount, TokenAmount.Parse(expected, token));
    }

    [Fact]
    public void MaxValueRoundTrips()
    {
        var max = new TokenAmount(UInt256.MaxValue, Token.Eth);
        Assert.Equal(max, TokenAmount.Parse(max.ToString(), Token.Eth));
        Assert.Equal(UInt256.MaxValue, TokenAmount.Parse(UInt256.MaxValue + " wei", Token.Eth).Wei);
    }

    [Theory]
    [InlineData("-1 LPT", Token.Lpt, "negative")]
    [InlineData("-0.5", Token.Lpt, "negative")]
    [InlineData("1.0000000000000000001 LPT", Token.Lpt, "more than 18 decimals")]
    [InlineData("115792089237316195423570985008687907853269984665640564039458 LPT", Token.Lpt, "too large")]
    [InlineData("115792089237316195423570985008687907853269984665640564039457584007913129639936 wei", Token.Eth, "below 2^256")]
    [InlineData("1 ETH", Token.Lpt, "an amount of LPT is expected")]
    [InlineData("1 BTC", Token.Eth, "an amount of ETH is expected")]
    [InlineData("1.5 wei", Token.Eth, "whole numbers")]
    [InlineData("0x10 wei", Token.Eth, "whole numbers")]
    [InlineData("abc", Token.Lpt, "not a decimal number")]
    [InlineData("1.2.3 LPT", Token.Lpt, "not a decimal number")]
    [InlineData(".", Token.Lpt, "not a decimal number")]
    [InlineData("1e18 LPT", Token.Lpt, "not a decimal number")]
    [InlineData("", Token.Lpt, "not an amount")]
    [InlineData("1 LPT extra", Token.Lpt, "not an amount")]
    public void RefusesWithAReason(string text, Token token, string reason)
    {
        var e = Assert.Throws<FormatException>(() => TokenAmount.Parse(text, token));
        Assert.Contains(reason, e.Message);
        Assert.False(TokenAmount.TryParse(text, token, out _));
    }

    [Fact]
    public void WholeTokenShorthands()
    {
        Assert.Equal(new UInt256(3 * Ether), TokenAmount.Lpt(3).Wei);
        Assert.Equal(Token.Eth, TokenAmount.Eth(1).Token);
    }
}
