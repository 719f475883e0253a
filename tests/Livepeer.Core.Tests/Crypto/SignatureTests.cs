using System.Numerics;
using Livepeer.Core.Crypto;

namespace Livepeer.Core.Tests.Crypto;

public class SignatureTests
{
    private static readonly BigInteger N = BigInteger.Parse("0FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", System.Globalization.NumberStyles.HexNumber);
    private static readonly PrivateKey Key = PrivateKey.Parse("0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318");
    private static readonly Hash SomeHash = Keccak256.Hash("livepeer"u8);

    [Fact]
    public void SignThenRecoverGivesTheSigner()
    {
        var signature = Key.Sign(SomeHash);
        Assert.Equal(65, signature.Bytes.Length);
        Assert.InRange(signature.V, (byte)27, (byte)28);
        Assert.Equal(Key.Address, signature.Recover(SomeHash));
        Assert.Equal(Key.PublicKey, signature.RecoverPublicKey(SomeHash));
        Assert.True(signature.IsSignedBy(SomeHash, Key.Address));
        Assert.True(Key.PublicKey.Verify(SomeHash, signature));
        Assert.False(Key.PublicKey.Verify(Keccak256.Hash("other"u8), signature));
        Assert.NotEqual(Key.Address, signature.Recover(Keccak256.Hash("other"u8)));
    }

    [Fact]
    public void SigningIsDeterministic() // RFC 6979
    {
        Assert.Equal(Key.Sign(SomeHash), Key.Sign(SomeHash));
    }

    [Fact]
    public void SignaturesAreLowS()
    {
        for (var i = 0; i < 64; i++)
        {
            var s = new BigInteger(Key.Sign(Keccak256.Hash([(byte)i])).S, isUnsigned: true, isBigEndian: true);
            Assert.True(s <= N / 2);
        }
    }

    [Fact]
    public void HighSIsRefusedButCanBeNormalized()
    {
        var signature = Key.Sign(SomeHash);
        var high = HighS(signature);
        var e = Assert.Throws<InvalidSignatureException>(() => Signature.FromBytes(high));
        Assert.Contains("high", e.Message);
        Assert.Throws<InvalidSignatureException>(() => Signature.Parse(Hex.Encode(high)));
        var normalized = Signature.FromBytesNormalizing(high);
        Assert.Equal(signature, normalized);
        Assert.Equal(Key.Address, normalized.Recover(SomeHash));
    }

    [Fact]
    public void RawRecoveryIdIsAcceptedAsV()
    {
        var bytes = Key.Sign(SomeHash).ToArray();
        bytes[64] -= 27;
        var parsed = Signature.FromBytes(bytes);
        Assert.InRange(parsed.V, (byte)27, (byte)28);
        Assert.Equal(Key.Address, parsed.Recover(SomeHash));
    }

    [Theory]
    [InlineData(64, "65 bytes")]
    [InlineData(66, "65 bytes")]
    [InlineData(0, "65 bytes")]
    public void WrongLengthIsRefused(int length, string reason)
    {
        var e = Assert.Throws<InvalidSignatureException>(() => Signature.FromBytes(new byte[length]));
        Assert.Contains(reason, e.Message);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(26)]
    [InlineData(29)]
    [InlineData(37)] // EIP-155 form
    public void BadVIsRefused(byte v)
    {
        var bytes = Key.Sign(SomeHash).ToArray();
        bytes[64] = v;
        var e = Assert.Throws<InvalidSignatureException>(() => Signature.FromBytes(bytes));
        Assert.Contains($"v is {v}", e.Message);
    }

    [Fact]
    public void ZeroAndOutOfRangeRAndSAreRefused()
    {
        var good = Key.Sign(SomeHash).ToArray();
        var zeroR = (byte[])good.Clone();
        zeroR.AsSpan(0, 32).Clear();
        Assert.Contains("r is zero", Assert.Throws<InvalidSignatureException>(() => Signature.FromBytes(zeroR)).Message);
        var zeroS = (byte[])good.Clone();
        zeroS.AsSpan(32, 32).Clear();
        Assert.Contains("s is zero", Assert.Throws<InvalidSignatureException>(() => Signature.FromBytes(zeroS)).Message);
        var bigR = (byte[])good.Clone();
        bigR.AsSpan(0, 32).Fill(0xFF);
        Assert.Contains("r is not below", Assert.Throws<InvalidSignatureException>(() => Signature.FromBytes(bigR)).Message);
        var bigS = (byte[])good.Clone();
        N.ToByteArray(isUnsigned: true, isBigEndian: true).CopyTo(bigS, 32);
        Assert.Contains("s is not below", Assert.Throws<InvalidSignatureException>(() => Signature.FromBytesNormalizing(bigS)).Message);
    }

    [Theory]
    [InlineData("0x1234", "65 bytes")]
    [InlineData("0xzz", "non-hex")]
    [InlineData("0x123", "odd")]
    public void MalformedHexIsRefused(string hex, string reason)
    {
        var e = Assert.Throws<InvalidSignatureException>(() => Signature.Parse(hex));
        Assert.Contains(reason, e.Message);
        Assert.False(Signature.TryParse(hex, out _, out var error));
        Assert.Contains(reason, error);
    }

    [Fact]
    public void RIsNotOnTheCurveGivesATypedError()
    {
        // r = 5 has no curve point with x = 5 (5^3 + 7 = 132 is not a square mod p), so nothing can be recovered.
        var bytes = new byte[65];
        bytes[31] = 5;
        bytes[63] = 1;
        bytes[64] = 27;
        var signature = Signature.FromBytes(bytes);
        Assert.Throws<InvalidSignatureException>(() => signature.Recover(SomeHash));
        Assert.False(signature.IsSignedBy(SomeHash, Key.Address));
    }

    [Fact]
    public void ConcurrentSignAndRecoverShareTheContextSafely()
    {
        var results = new bool[2000];
        Parallel.For(0, results.Length, i =>
        {
            var hash = Keccak256.Hash(BitConverter.GetBytes(i));
            results[i] = Key.Sign(hash).Recover(hash) == Key.Address;
        });
        Assert.All(results, Assert.True);
    }

    private static byte[] HighS(Signature signature)
    {
        var bytes = signature.ToArray();
        var s = new BigInteger(signature.S, isUnsigned: true, isBigEndian: true);
        var high = (N - s).ToByteArray(isUnsigned: true, isBigEndian: true);
        bytes.AsSpan(32, 32).Clear();
        high.CopyTo(bytes, 64 - high.Length);
        bytes[64] = (byte)(bytes[64] == 27 ? 28 : 27);
        return bytes;
    }
}
