using System.Text;
using Livepeer.Core.Crypto;

namespace Livepeer.Core.Tests.Crypto;

public class PrivateKeyTests
{
    [Fact]
    public void KnownKeyGivesKnownAddress()
    {
        using var key = PrivateKey.Parse("0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318");
        Assert.Equal("0x2c7536E3605D9C16a7a3D7b1898e529396a65c23", key.Address.ToChecksumString());
    }

    [Fact]
    public void CowKeyIsTheEip712MailSender()
    {
        using var key = PrivateKey.FromBytes(Keccak256.Hash(Encoding.ASCII.GetBytes("cow")).Bytes);
        Assert.Equal("0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826", key.Address.ToString());
    }

    [Fact]
    public void PublicKeyRoundTripsThroughCompressedAndUncompressedForms()
    {
        using var key = PrivateKey.Parse("0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318");
        var compressed = key.PublicKey.ToCompressed();
        Assert.Equal(33, compressed.Length);
        Assert.Equal(key.PublicKey, PublicKey.FromBytes(compressed));
        Assert.Equal(key.Address, PublicKey.Parse(key.PublicKey.ToString()).Address);
    }

    [Fact]
    public void GenerateUsesTheInjectedRandomSource()
    {
        var seeded = new Random(42);
        using var a = PrivateKey.Generate(span => seeded.NextBytes(span));
        seeded = new Random(42);
        using var b = PrivateKey.Generate(span => seeded.NextBytes(span));
        Assert.Equal(a.Address, b.Address);
        using var c = PrivateKey.Generate();
        Assert.NotEqual(a.Address, c.Address);
    }

    [Fact]
    public void GenerateRetriesOutOfRangeCandidates()
    {
        var calls = 0;
        using var key = PrivateKey.Generate(span =>
        {
            calls++;
            if (calls == 1) span.Clear(); // zero is not a valid key
            else span.Fill(7);
        });
        Assert.Equal(2, calls);
    }

    [Theory]
    [InlineData("0x00", "32 bytes")]
    [InlineData("0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f3623", "32 bytes")]
    [InlineData("0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f36231z", "non-hex")]
    [InlineData("0x0000000000000000000000000000000000000000000000000000000000000000", "zero")]
    [InlineData("0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", "order")]
    public void BadKeysAreRefusedWithAReason(string hex, string reason)
    {
        var e = Assert.Throws<InvalidPrivateKeyException>(() => PrivateKey.Parse(hex));
        Assert.Contains(reason, e.Message);
    }

    [Fact]
    public void ToStringDoesNotRevealTheSecret()
    {
        using var key = PrivateKey.Parse("0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318");
        Assert.DoesNotContain("4c0883", key.ToString(), StringComparison.OrdinalIgnoreCase);
    }
}
