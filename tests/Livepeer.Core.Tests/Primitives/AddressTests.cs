namespace Livepeer.Core.Tests.Primitives;

public class AddressTests
{
    // The examples of EIP-55.
    [Theory]
    [InlineData("0x52908400098527886E0F7030069857D2E4169EE7")]
    [InlineData("0x8617E340B3D01FA5F11F306F4090FD50E238070D")]
    [InlineData("0xde709f2102306220921060314715629080e2fb77")]
    [InlineData("0x27b1fdb04752bbc536007a920d24acb045561c26")]
    [InlineData("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed")]
    [InlineData("0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359")]
    [InlineData("0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB")]
    [InlineData("0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb")]
    public void Eip55Examples(string text)
    {
        var address = Address.Parse(text);
        Assert.Equal(text, address.ToChecksumString());
        Assert.Equal(address, Address.Parse(text.ToLowerInvariant()));
        Assert.Equal(address, Address.Parse("0x" + text[2..].ToUpperInvariant()));
    }

    [Fact]
    public void WrongChecksumIsRefusedAndNamesTheRightOne()
    {
        var e = Assert.Throws<FormatException>(() => Address.Parse("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD"));
        Assert.Contains("checksum", e.Message);
        Assert.Contains("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", e.Message);
        Assert.False(Address.TryParse("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD", out _));
    }

    [Theory]
    [InlineData("5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", "starts with 0x")]
    [InlineData("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeA", "20 bytes")]
    [InlineData("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed00", "20 bytes")]
    [InlineData("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeg", "non-hex")]
    [InlineData("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAe", "odd")]
    public void MalformedAddressesAreRefused(string text, string reason)
    {
        var e = Assert.Throws<FormatException>(() => Address.Parse(text));
        Assert.Contains(reason, e.Message);
    }

    [Fact]
    public void WrongLengthsAreRefusedByConstructors()
    {
        Assert.Throws<ArgumentException>(() => new Address(new byte[19]));
        Assert.Throws<ArgumentException>(() => Address.FromPublicKey(new byte[63]));
        Assert.Throws<ArgumentException>(() => new Hash(new byte[31]));
        Assert.Contains("32 bytes", Assert.Throws<FormatException>(() => Hash.Parse("0x1234")).Message);
    }

    [Fact]
    public void DefaultIsZero()
    {
        Assert.True(default(Address).IsZero);
        Assert.Equal(Address.Zero, default);
        Assert.Equal("0x0000000000000000000000000000000000000000", default(Address).ToString());
    }
}
