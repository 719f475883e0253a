using System.Numerics;

namespace Livepeer.Core.Tests.Primitives;

public class UInt256Tests
{
    private static readonly BigInteger TwoTo256 = BigInteger.One << 256;

    [Fact]
    public void BoundsAreChecked()
    {
        Assert.Equal(TwoTo256 - 1, UInt256.MaxValue.Value);
        Assert.Throws<OverflowException>(() => UInt256.MaxValue + UInt256.One);
        Assert.Throws<OverflowException>(() => UInt256.Zero - UInt256.One);
        Assert.Throws<OverflowException>(() => UInt256.MaxValue * 2UL);
        Assert.Throws<OverflowException>(() => new UInt256(TwoTo256));
        Assert.Throws<OverflowException>(() => new UInt256(BigInteger.MinusOne));
        Assert.Throws<DivideByZeroException>(() => UInt256.One / UInt256.Zero);
        Assert.Throws<DivideByZeroException>(() => UInt256.One % UInt256.Zero);
        Assert.Equal(UInt256.Zero, UInt256.SaturatingSub(1UL, 2UL));
    }

    [Fact]
    public void MulDivKeepsFullPrecision()
    {
        // MaxValue * MaxValue overflows 256 bits, but the quotient fits.
        Assert.Equal(UInt256.MaxValue, UInt256.MulDiv(UInt256.MaxValue, UInt256.MaxValue, UInt256.MaxValue));
        Assert.Equal((UInt256)333UL, UInt256.MulDiv(1000UL, 1UL, 3UL));
        Assert.Throws<OverflowException>(() => UInt256.MulDiv(UInt256.MaxValue, 2UL, 1UL));
    }

    [Theory]
    [InlineData("0", "0")]
    [InlineData("0x0", "0")]
    [InlineData("0xff", "255")]
    [InlineData(" 42 ", "42")]
    [InlineData("115792089237316195423570985008687907853269984665640564039457584007913129639935", "115792089237316195423570985008687907853269984665640564039457584007913129639935")]
    [InlineData("0xffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff", "115792089237316195423570985008687907853269984665640564039457584007913129639935")]
    public void Parses(string text, string expected) => Assert.Equal(expected, UInt256.Parse(text).ToString());

    [Theory]
    [InlineData("115792089237316195423570985008687907853269984665640564039457584007913129639936")] // 2^256
    [InlineData("0x1ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff")]
    [InlineData("-1")]
    [InlineData("1.5")]
    [InlineData("0x")]
    [InlineData("")]
    [InlineData("12a")]
    public void RefusesBadText(string text)
    {
        Assert.Throws<FormatException>(() => UInt256.Parse(text));
        Assert.False(UInt256.TryParse(text, out _));
    }

    [Fact]
    public void BigEndianEncodings()
    {
        UInt256 v = 0x0102UL;
        var word = v.ToBigEndian32();
        Assert.Equal(32, word.Length);
        Assert.Equal([1, 2], word[30..]);
        Assert.All(word[..30], b => Assert.Equal(0, b));
        Assert.Equal(v, UInt256.FromBigEndian(word));
        Assert.Equal(new byte[] { 1, 2 }, v.ToBigEndianMinimal());
        Assert.Empty(UInt256.Zero.ToBigEndianMinimal());
        Assert.Equal(UInt256.MaxValue, UInt256.FromBigEndian(UInt256.MaxValue.ToBigEndian32()));
        Assert.Throws<OverflowException>(() => UInt256.FromBigEndian(new byte[33]));
        Assert.Equal("0x0", UInt256.Zero.ToHexQuantity());
        Assert.Equal("0x102", v.ToHexQuantity());
    }
}
