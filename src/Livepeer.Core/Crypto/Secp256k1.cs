using System.Security.Cryptography;

namespace Livepeer.Core.Crypto;

/// <summary>
/// The secp256k1 curve through libsecp256k1: one context, created and randomized once, then shared. After creation the
/// library only reads the context, so concurrent signing, verification and recovery on it are safe.
/// </summary>
internal static unsafe class Secp256k1
{
    /// <summary>The group order n, big-endian.</summary>
    internal static ReadOnlySpan<byte> Order =>
    [
        0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFE,
        0xBA, 0xAE, 0xDC, 0xE6, 0xAF, 0x48, 0xA0, 0x3B, 0xBF, 0xD2, 0x5E, 0x8C, 0xD0, 0x36, 0x41, 0x41,
    ];

    /// <summary>n / 2 rounded down, big-endian: the largest s a canonical (low-s) signature may carry.</summary>
    internal static ReadOnlySpan<byte> HalfOrder =>
    [
        0x7F, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
        0x5D, 0x57, 0x6E, 0x73, 0x57, 0xA4, 0x50, 0x1D, 0xDF, 0xE9, 0x2F, 0x46, 0x68, 0x1B, 0x20, 0xA0,
    ];

    private static readonly Lazy<nint> SharedContext = new(CreateContext, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The shared context; throws <see cref="Secp256k1UnavailableException"/> when the library is missing.</summary>
    internal static nint Context => SharedContext.Value;

    private static nint CreateContext()
    {
        try
        {
            var ctx = Secp256k1Native.ContextCreate(Secp256k1Native.ContextSignAndVerify);
            if (ctx == 0) throw new InvalidOperationException("secp256k1_context_create returned NULL.");
            // Randomizing blinds the signing computations against side channels; done once, before sharing.
            Span<byte> seed = stackalloc byte[32];
            RandomNumberGenerator.Fill(seed);
            fixed (byte* s = seed)
            {
                if (Secp256k1Native.ContextRandomize(ctx, s) != 1)
                    throw new InvalidOperationException("secp256k1_context_randomize failed.");
            }
            return ctx;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException)
        {
            throw Unavailable(e);
        }
    }

    /// <summary>The error for a missing or unusable native library, saying how to install it.</summary>
    internal static Secp256k1UnavailableException Unavailable(Exception cause) => new(
        $"The native library {Secp256k1Native.Library} (secp256k1 with its recovery module) could not be loaded: {cause.Message} " +
        "Install it with: apt-get install libsecp256k1-1", cause);

    /// <summary>True when 0 &lt; key &lt; n.</summary>
    internal static bool IsValidSecretKey(ReadOnlySpan<byte> key)
    {
        if (key.Length != 32) return false;
        fixed (byte* k = key) return Secp256k1Native.SecretKeyVerify(Context, k) == 1;
    }

    /// <summary>The 64-byte uncompressed public key X|Y of a valid secret key.</summary>
    internal static byte[] PublicKeyOf(ReadOnlySpan<byte> secretKey)
    {
        Span<byte> pub = stackalloc byte[64];
        fixed (byte* k = secretKey)
        fixed (byte* p = pub)
        {
            if (Secp256k1Native.PublicKeyCreate(Context, p, k) != 1)
                throw new InvalidPrivateKeyException("The private key is not a valid secp256k1 scalar (it must be in 1..n-1).");
        }
        return Serialize(pub, compressed: false)[1..];
    }

    /// <summary>Serializes an internal pubkey struct to 65 (uncompressed, 0x04|X|Y) or 33 bytes.</summary>
    internal static byte[] Serialize(ReadOnlySpan<byte> pubkeyStruct, bool compressed)
    {
        var output = new byte[compressed ? 33 : 65];
        nuint length = (nuint)output.Length;
        fixed (byte* o = output)
        fixed (byte* p = pubkeyStruct)
        {
            Secp256k1Native.PublicKeySerialize(Context, o, &length, p,
                compressed ? Secp256k1Native.EcCompressed : Secp256k1Native.EcUncompressed);
        }
        return output;
    }

    /// <summary>Parses 33, 65 (or 64 bytes X|Y) into the library's pubkey struct; false when not a curve point.</summary>
    internal static bool TryParsePublicKey(ReadOnlySpan<byte> input, Span<byte> pubkeyStruct)
    {
        Span<byte> full = stackalloc byte[65];
        if (input.Length == 64)
        {
            full[0] = 0x04;
            input.CopyTo(full[1..]);
        }
        else if (input.Length is 33 or 65) input.CopyTo(full);
        else return false;
        var length = input.Length == 64 ? 65 : input.Length;
        fixed (byte* i = full)
        fixed (byte* p = pubkeyStruct)
            return Secp256k1Native.PublicKeyParse(Context, p, i, (nuint)length) == 1;
    }

    /// <summary>Signs a 32-byte hash (RFC 6979 nonce, the library's default); writes r|s (low s) and returns the recovery id.</summary>
    internal static int SignRecoverable(ReadOnlySpan<byte> hash, ReadOnlySpan<byte> secretKey, Span<byte> rs)
    {
        Span<byte> sig = stackalloc byte[65];
        int recoveryId;
        fixed (byte* h = hash)
        fixed (byte* k = secretKey)
        fixed (byte* s = sig)
        fixed (byte* o = rs)
        {
            if (Secp256k1Native.SignRecoverable(Context, s, h, k, 0, 0) != 1)
                throw new InvalidPrivateKeyException("Signing failed: the private key is not a valid secp256k1 scalar.");
            Secp256k1Native.RecoverableSignatureSerializeCompact(Context, o, &recoveryId, s);
        }
        return recoveryId;
    }

    /// <summary>Recovers the 64-byte public key X|Y; false when no key matches (the signature is not valid for any key).</summary>
    internal static bool TryRecover(ReadOnlySpan<byte> rs, int recoveryId, ReadOnlySpan<byte> hash, Span<byte> publicKey64)
    {
        Span<byte> sig = stackalloc byte[65];
        Span<byte> pub = stackalloc byte[64];
        Span<byte> serialized = stackalloc byte[65];
        fixed (byte* r = rs)
        fixed (byte* s = sig)
        fixed (byte* h = hash)
        fixed (byte* p = pub)
        fixed (byte* o = serialized)
        {
            if (Secp256k1Native.RecoverableSignatureParseCompact(Context, s, r, recoveryId) != 1) return false;
            if (Secp256k1Native.Recover(Context, p, s, h) != 1) return false;
            nuint length = 65;
            Secp256k1Native.PublicKeySerialize(Context, o, &length, p, Secp256k1Native.EcUncompressed);
        }
        serialized[1..].CopyTo(publicKey64);
        return true;
    }

    /// <summary>Verifies r|s against a hash and a parsed pubkey struct; libsecp256k1 refuses high s here.</summary>
    internal static bool Verify(ReadOnlySpan<byte> rs, ReadOnlySpan<byte> hash, ReadOnlySpan<byte> pubkeyStruct)
    {
        Span<byte> sig = stackalloc byte[64];
        fixed (byte* r = rs)
        fixed (byte* s = sig)
        fixed (byte* h = hash)
        fixed (byte* p = pubkeyStruct)
        {
            if (Secp256k1Native.SignatureParseCompact(Context, s, r) != 1) return false;
            return Secp256k1Native.Verify(Context, s, h, p) == 1;
        }
    }

    /// <summary>Rewrites r|s to its low-s form; returns true when s was high (so the recovery id flips).</summary>
    internal static bool Normalize(Span<byte> rs)
    {
        Span<byte> sig = stackalloc byte[64];
        fixed (byte* r = rs)
        fixed (byte* s = sig)
        {
            if (Secp256k1Native.SignatureParseCompact(Context, s, r) != 1)
                throw new InvalidSignatureException("r or s is not below the curve order n.");
            var wasHigh = Secp256k1Native.SignatureNormalize(Context, s, s) == 1;
            Secp256k1Native.SignatureSerializeCompact(Context, r, s);
            return wasHigh;
        }
    }
}
