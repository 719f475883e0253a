using Livepeer.Core;
using Livepeer.Core.Crypto;
using Livepeer.Protocol.Signing;

namespace Livepeer.Protocol.Tests.Support;

/// <summary>
/// A deterministic, honest stand-in for secp256k1: signature = r | s | v with r = keccak256(address | digest),
/// s = 12 zero bytes | address (always low-s), v = 27. Recovery returns the address only when r matches, so a
/// signature over another digest, or a tampered one, recovers nothing.
/// </summary>
public sealed class FakeSignatures : ISignatureRecovery
{
    public static readonly FakeSignatures Instance = new();

    public static byte[] Sign(Address signer, Hash digest)
    {
        var sig = new byte[65];
        Keccak256.HashConcat(signer.ToArray(), digest.ToArray()).Bytes.CopyTo(sig);
        signer.Bytes.CopyTo(sig.AsSpan(44));
        sig[64] = 27;
        return sig;
    }

    /// <summary>Signs the EIP-191 digest of <paramref name="hash"/>, as a sender signs a ticket.</summary>
    public static byte[] SignPersonal(Address signer, Hash hash) => Sign(signer, EthereumSignedMessage.Digest(hash));

    public Address? Recover(Hash digest, ReadOnlySpan<byte> signature65)
    {
        if (signature65.Length != 65) return null;
        var signer = new Address(signature65[44..64]);
        var expected = Keccak256.HashConcat(signer.ToArray(), digest.ToArray());
        return signature65[..32].SequenceEqual(expected.Bytes) ? signer : null;
    }
}
