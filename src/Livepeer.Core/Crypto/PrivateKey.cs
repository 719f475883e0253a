using System.Security.Cryptography;

namespace Livepeer.Core.Crypto;

/// <summary>A secp256k1 private key (32 bytes, 0 &lt; k &lt; n) that signs 32-byte hashes with Ethereum's 65-byte signatures.</summary>
public sealed class PrivateKey : IDisposable
{
    /// <summary>Length in bytes.</summary>
    public const int Length = 32;
    private readonly byte[] _key;
    private PublicKey? _publicKey;

    private PrivateKey(byte[] key) => _key = key;

    /// <summary>Copies and validates 32 bytes; throws <see cref="InvalidPrivateKeyException"/> when out of range.</summary>
    public static PrivateKey FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Length)
            throw new InvalidPrivateKeyException($"A private key is {Length} bytes, got {bytes.Length}.");
        if (!Secp256k1.IsValidSecretKey(bytes))
            throw new InvalidPrivateKeyException("The private key is zero or not below the secp256k1 order n; it cannot sign.");
        return new PrivateKey(bytes.ToArray());
    }

    /// <summary>Parses 64 hex digits (0x prefix optional).</summary>
    public static PrivateKey Parse(string hex)
    {
        byte[] bytes;
        try { bytes = Hex.Decode(hex); }
        catch (FormatException e) { throw new InvalidPrivateKeyException($"A private key is 32 bytes of hex: {e.Message}"); }
        try { return FromBytes(bytes); }
        finally { CryptographicOperations.ZeroMemory(bytes); }
    }

    /// <summary>A new key from the operating system's CSPRNG.</summary>
    public static PrivateKey Generate() => Generate(RandomNumberGenerator.Fill);

    /// <summary>A new key from an injected source of random bytes (tests pass a seeded one; production uses the CSPRNG).</summary>
    public static PrivateKey Generate(Action<Span<byte>> fillRandom)
    {
        ArgumentNullException.ThrowIfNull(fillRandom);
        var candidate = new byte[Length];
        // A uniform 32-byte value is out of range with probability ~2^-128; retry rather than bias it.
        for (var attempt = 0; attempt < 64; attempt++)
        {
            fillRandom(candidate);
            if (Secp256k1.IsValidSecretKey(candidate)) return new PrivateKey(candidate);
        }
        throw new CryptographicException("The random source produced 64 invalid private keys in a row; it is broken.");
    }

    /// <summary>The uncompressed public key.</summary>
    public PublicKey PublicKey => _publicKey ??= PublicKey.FromBytes(Secp256k1.PublicKeyOf(_key));

    /// <summary>The account address of this key.</summary>
    public Address Address => PublicKey.Address;

    /// <summary>Signs a 32-byte hash: deterministic RFC 6979 nonce, low s, v = 27 + recovery id.</summary>
    public Signature Sign(Hash hash)
    {
        Span<byte> sig = stackalloc byte[Signature.Length];
        var recoveryId = Secp256k1.SignRecoverable(hash.Bytes, _key, sig[..64]);
        sig[64] = (byte)(27 + recoveryId);
        return Signature.FromBytes(sig);
    }

    /// <summary>A copy of the 32 secret bytes (for keystores); zero it when done.</summary>
    public byte[] ToArray() => (byte[])_key.Clone();

    /// <summary>The secret as 0x-prefixed hex; only for explicit export.</summary>
    public string ToHex() => Hex.Encode(_key);

    /// <summary>Overwrites the secret bytes.</summary>
    public void Dispose() => CryptographicOperations.ZeroMemory(_key);

    /// <summary>Never prints the secret: shows the address only.</summary>
    public override string ToString() => $"PrivateKey({Address})";
}
