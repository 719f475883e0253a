using Livepeer.Core;
using Livepeer.Core.Crypto;
using Livepeer.Protocol.Signing;

namespace Livepeer.Protocol.Tests.Signing;

/// <summary>
/// The protocol's EIP-191 digest is the one wallets and orchestrators sign (personal_sign of a 32-byte hash), so real
/// signatures of tickets and segment results verify on the ledger.
/// </summary>
public sealed class EthereumSignedMessageTests
{
    [Fact]
    public void TheDigestIsThePersonalMessageHashOfTheThirtyTwoBytes()
    {
        var hash = Keccak256.Hash("a ticket"u8);
        Assert.Equal(PersonalMessage.Hash(hash.Bytes), EthereumSignedMessage.Digest(hash));
        var prefixed = new byte[] { 0x19 }.Concat("Ethereum Signed Message:\n32"u8.ToArray()).Concat(hash.ToArray()).ToArray();
        Assert.Equal(Keccak256.Hash(prefixed), EthereumSignedMessage.Digest(hash));
    }

    [Fact]
    public void APersonalSignatureByARealKeyIsSignedByThatKeyOnly()
    {
        using var key = PrivateKey.Generate();
        using var other = PrivateKey.Generate();
        var hash = Keccak256.Hash("segment result"u8);
        var signature = PersonalMessage.Sign(key, hash.Bytes).ToArray();
        Assert.True(EthereumSignedMessage.IsSignedBy(new RealRecovery(), hash, signature, key.Address));
        Assert.False(EthereumSignedMessage.IsSignedBy(new RealRecovery(), hash, signature, other.Address));
        Assert.False(EthereumSignedMessage.IsSignedBy(new RealRecovery(), Keccak256.Hash("another"u8), signature, key.Address));
    }

    [Fact]
    public void OnlyV27Or28IsAcceptedAsTheContractsECDSADoes()
    {
        using var key = PrivateKey.Generate();
        var hash = Keccak256.Hash("ticket"u8);
        var signature = PersonalMessage.Sign(key, hash.Bytes).ToArray();
        Assert.True(signature[64] is 27 or 28);
        signature[64] -= 27; // the same signature with a raw recovery id (0 or 1)
        Assert.NotNull(EthereumSignedMessage.ShapeProblem(signature));
        Assert.False(EthereumSignedMessage.IsSignedBy(new RealRecovery(), hash, signature, key.Address));
    }

    private sealed class RealRecovery : ISignatureRecovery
    {
        public Address? Recover(Hash digest, ReadOnlySpan<byte> signature65)
        {
            try { return Signature.FromBytes(signature65).Recover(digest); }
            catch (InvalidSignatureException) { return null; }
        }
    }
}
