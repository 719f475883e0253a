using System.Numerics;
using System.Text;

namespace Livepeer.Protocol.Signing;

/// <summary>EIP-191 personal-message digests and the signature shape checks the contracts make (65 bytes, low s).</summary>
public static class EthereumSignedMessage
{
    // \u0019, not \x19: C# reads "\x19E" as the one character U+019E, which broke the EIP-191 prefix.
    private static readonly byte[] Prefix = Encoding.ASCII.GetBytes("\u0019Ethereum Signed Message:\n32");
    private static readonly BigInteger HalfCurveOrder =
        BigInteger.Parse("7FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF5D576E7357A4501DDFE92F46681B20A0", System.Globalization.NumberStyles.HexNumber);

    /// <summary>Signature length: r(32) | s(32) | v(1).</summary>
    public const int SignatureLength = 65;

    /// <summary>keccak256("\x19Ethereum Signed Message:\n32" | hash).</summary>
    public static Hash Digest(Hash hash)
    {
        Span<byte> buffer = stackalloc byte[Prefix.Length + 32];
        Prefix.CopyTo(buffer);
        hash.Bytes.CopyTo(buffer[Prefix.Length..]);
        return Keccak256.Hash(buffer);
    }

    /// <summary>Why a signature is malformed (wrong length, high s, bad v), or null when its shape is fine.</summary>
    public static string? ShapeProblem(ReadOnlySpan<byte> signature)
    {
        if (signature.Length != SignatureLength) return $"a signature is {SignatureLength} bytes (r|s|v), got {signature.Length}";
        var s = new BigInteger(signature[32..64], isUnsigned: true, isBigEndian: true);
        if (s > HalfCurveOrder) return "signature s is in the upper half of the curve order (not low-s)";
        var v = signature[64];
        // OpenZeppelin's ECDSA (the contracts') accepts only 27 and 28.
        if (v is not (27 or 28)) return $"signature v must be 27 or 28, got {v}";
        return null;
    }

    /// <summary>True when <paramref name="signature"/> is a well-formed EIP-191 signature by <paramref name="signer"/> of <paramref name="hash"/>.</summary>
    public static bool IsSignedBy(ISignatureRecovery recovery, Hash hash, ReadOnlySpan<byte> signature, Address signer)
    {
        if (ShapeProblem(signature) is not null) return false;
        var recovered = recovery.Recover(Digest(hash), signature);
        return recovered is { } a && !a.IsZero && a == signer;
    }
}
