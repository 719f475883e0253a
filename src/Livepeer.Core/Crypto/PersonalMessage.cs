using System.Globalization;
using System.Text;

namespace Livepeer.Core.Crypto;

/// <summary>EIP-191 version 0x45 personal messages: keccak256("\x19Ethereum Signed Message:\n" + length + message).</summary>
public static class PersonalMessage
{
    private static readonly byte[] Prefix = "\u0019Ethereum Signed Message:\n"u8.ToArray();

    /// <summary>The hash that is signed for <paramref name="message"/> bytes.</summary>
    public static Hash Hash(ReadOnlySpan<byte> message)
    {
        var k = new Keccak256();
        k.Update(Prefix);
        k.Update(Encoding.ASCII.GetBytes(message.Length.ToString(CultureInfo.InvariantCulture)));
        k.Update(message);
        return k.Finish();
    }

    /// <summary>The hash that is signed for a text message (UTF-8, as ethers' signMessage(string)).</summary>
    public static Hash Hash(string message) => Hash(Encoding.UTF8.GetBytes(message));

    /// <summary>Signs message bytes.</summary>
    public static Signature Sign(PrivateKey key, ReadOnlySpan<byte> message)
    {
        ArgumentNullException.ThrowIfNull(key);
        return key.Sign(Hash(message));
    }

    /// <summary>Signs a UTF-8 text message.</summary>
    public static Signature Sign(PrivateKey key, string message) => Sign(key, Encoding.UTF8.GetBytes(message));

    /// <summary>The address that signed message bytes.</summary>
    public static Address Recover(ReadOnlySpan<byte> message, Signature signature)
    {
        ArgumentNullException.ThrowIfNull(signature);
        return signature.Recover(Hash(message));
    }

    /// <summary>The address that signed a UTF-8 text message.</summary>
    public static Address Recover(string message, Signature signature) => Recover(Encoding.UTF8.GetBytes(message), signature);

    /// <summary>True when <paramref name="signer"/> signed the text message.</summary>
    public static bool Verify(string message, Signature signature, Address signer)
    {
        ArgumentNullException.ThrowIfNull(signature);
        return signature.IsSignedBy(Hash(message), signer);
    }
}
