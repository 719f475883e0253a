namespace Livepeer.Core.Tests.Primitives;

public class HexTests
{
    [Theory]
    [InlineData("0x", new byte[0])]
    [InlineData("", new byte[0])]
    [InlineData("0x00ff", new byte[] { 0, 255 })]
    [InlineData("0XABcd", new byte[] { 0xab, 0xcd })]
    [InlineData("abcd", new byte[] { 0xab, 0xcd })]
    public void Decodes(string text, byte[] expected) => Assert.Equal(expected, Hex.Decode(text));

    [Theory]
    [InlineData("0x123", "odd number")]
    [InlineData("0x12 3", "non-hex")]
    [InlineData("0xgg", "non-hex character 'g'")]
    [InlineData("0x0x12", "non-hex")]
    public void RefusesMalformedHex(string text, string reason) =>
        Assert.Contains(reason, Assert.Throws<FormatException>(() => Hex.Decode(text)).Message);

    [Fact]
    public void EncodesLowerCaseWithPrefix()
    {
        Assert.Equal("0x00ff", Hex.Encode([0, 255]));
        Assert.Equal("00ff", Hex.Encode([0, 255], prefix: false));
    }
}
