using Livepeer.Core;
using Livepeer.Core.Crypto;

namespace Livepeer.Wire.Auth;

/// <summary>
/// OrchestratorRequest.sig as go-livepeer makes and checks it: the broadcaster's EIP-191 signature over
/// keccak256 of its EIP-55 checksummed address text ("0xAbC…", 42 ASCII characters).
/// </summary>
public static class DiscoverySignature
{
    /// <summary>The bytes whose keccak256 is signed.</summary>
    public static Hash Message(Address broadcaster) => Keccak256.Hash(System.Text.Encoding.ASCII.GetBytes(broadcaster.ToChecksumString()));

    /// <summary>Signs the request for <paramref name="key"/>'s address.</summary>
    public static byte[] Sign(PrivateKey key) => PersonalMessage.Sign(key, Message(key.Address).Bytes).ToArray();

    /// <summary>
    /// True when <paramref name="signature"/> is <paramref name="broadcaster"/>'s: go's rule, or this project's earlier
    /// one (keccak256 of the 20 raw address bytes), still accepted from nodes that have not upgraded.
    /// </summary>
    public static bool IsValid(Address broadcaster, ReadOnlySpan<byte> signature)
    {
        Signature sig;
        try { sig = Signature.FromBytes(signature); }
        catch (InvalidSignatureException) { return false; }
        foreach (var message in new[] { Message(broadcaster), Keccak256.Hash(broadcaster.Bytes) })
        {
            try { if (PersonalMessage.Recover(message.Bytes, sig) == broadcaster) return true; }
            catch (InvalidSignatureException) { }
        }
        return false;
    }
}
