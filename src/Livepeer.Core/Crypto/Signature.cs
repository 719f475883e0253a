namespace Livepeer.Core.Crypto;

/// <summary>
/// An Ethereum ECDSA signature, 65 bytes r|s|v with v = 27 or 28. A value of this type is always canonical: r and s are in
/// 1..n-1 and s is at most n/2 (low s, EIP-2), so every signature has exactly one accepted form.
/// </summary>
/// <remarks>
/// Parsing also accepts v = 0 or 1 (the raw recovery id that some signers emit) and stores it as 27 or 28; any other v,
/// including EIP-155 chain-id forms, is refused.
/// </remarks>
public sealed class Signature : IEquatable<Signature>
{
    /// <summary>Length in bytes.</summary>
    public const int Length = 65;
    private readonly byte[] _bytes;

    private Signature(byte[] bytes) => _bytes = bytes;

    /// <summary>r|s|v.</summary>
    public ReadOnlySpan<byte> Bytes => _bytes;
    /// <summary>The 32-byte r.</summary>
    public ReadOnlySpan<byte> R => _bytes.AsSpan(0, 32);
    /// <summary>The 32-byte s (low).</summary>
    public ReadOnlySpan<byte> S => _bytes.AsSpan(32, 32);
    /// <summary>27 or 28.</summary>
    public byte V => _bytes[64];
    /// <summary>The recovery id, 0 or 1.</summary>
    public int RecoveryId => _bytes[64] - 27;

    /// <summary>Validates 65 bytes; throws <see cref="InvalidSignatureException"/> saying what is wrong.</summary>
    public static Signature FromBytes(ReadOnlySpan<byte> bytes)
    {
        var copy = Validate(bytes, allowHighS: false);
        return new Signature(copy);
    }

    /// <summary>
    /// Like <see cref="FromBytes"/> but converts a high-s signature to its equivalent low-s form (s' = n - s, v flipped)
    /// instead of refusing it; for importing signatures from signers that do not normalize.
    /// </summary>
    public static Signature FromBytesNormalizing(ReadOnlySpan<byte> bytes)
    {
        var copy = Validate(bytes, allowHighS: true);
        if (Secp256k1.Normalize(copy.AsSpan(0, 64))) copy[64] = (byte)(copy[64] == 27 ? 28 : 27);
        return new Signature(copy);
    }

    /// <summary>Parses 0x-prefixed hex of 65 bytes.</summary>
    public static Signature Parse(string hex)
    {
        ArgumentNullException.ThrowIfNull(hex);
        byte[] bytes;
        try { bytes = Hex.Decode(hex); }
        catch (FormatException e) { throw new InvalidSignatureException($"A signature is 65 bytes of hex (r|s|v): {e.Message}"); }
        return FromBytes(bytes);
    }

    /// <summary>Parses without throwing; <paramref name="error"/> says what is wrong.</summary>
    public static bool TryParse(string? hex, out Signature? signature, out string? error)
    {
        signature = null;
        error = null;
        if (hex is null) { error = "No signature given."; return false; }
        try { signature = Parse(hex); return true; }
        catch (InvalidSignatureException e) { error = e.Message; return false; }
    }

    private static byte[] Validate(ReadOnlySpan<byte> bytes, bool allowHighS)
    {
        if (bytes.Length != Length)
            throw new InvalidSignatureException($"A signature is {Length} bytes (r|s|v), got {bytes.Length}.");
        var v = bytes[64];
        if (v is not (0 or 1 or 27 or 28))
            throw new InvalidSignatureException($"Signature v is {v}; it must be 27 or 28 (or the raw recovery id 0 or 1).");
        var r = bytes[..32];
        var s = bytes[32..64];
        if (r.IndexOfAnyExcept((byte)0) < 0) throw new InvalidSignatureException("Signature r is zero.");
        if (s.IndexOfAnyExcept((byte)0) < 0) throw new InvalidSignatureException("Signature s is zero.");
        if (r.SequenceCompareTo(Secp256k1.Order) >= 0) throw new InvalidSignatureException("Signature r is not below the curve order n.");
        if (s.SequenceCompareTo(Secp256k1.Order) >= 0) throw new InvalidSignatureException("Signature s is not below the curve order n.");
        if (!allowHighS && s.SequenceCompareTo(Secp256k1.HalfOrder) > 0)
            throw new InvalidSignatureException(
                "Signature s is high (above n/2); only the canonical low-s form is accepted (EIP-2). Re-sign, or normalize it to s' = n - s with v flipped.");
        var copy = bytes.ToArray();
        if (v < 27) copy[64] = (byte)(v + 27);
        return copy;
    }

    /// <summary>The public key that made this signature over <paramref name="hash"/>.</summary>
    public PublicKey RecoverPublicKey(Hash hash)
    {
        Span<byte> xy = stackalloc byte[64];
        if (!Secp256k1.TryRecover(_bytes.AsSpan(0, 64), RecoveryId, hash.Bytes, xy))
            throw new InvalidSignatureException("No public key matches this signature and hash (r is not the x of a curve point).");
        return PublicKey.FromBytes(xy);
    }

    /// <summary>The address that made this signature over <paramref name="hash"/>.</summary>
    public Address Recover(Hash hash)
    {
        Span<byte> xy = stackalloc byte[64];
        if (!Secp256k1.TryRecover(_bytes.AsSpan(0, 64), RecoveryId, hash.Bytes, xy))
            throw new InvalidSignatureException("No public key matches this signature and hash (r is not the x of a curve point).");
        return Address.FromPublicKey(xy);
    }

    /// <summary>True when this signature over <paramref name="hash"/> was made by <paramref name="signer"/>.</summary>
    public bool IsSignedBy(Hash hash, Address signer)
    {
        Span<byte> xy = stackalloc byte[64];
        return Secp256k1.TryRecover(_bytes.AsSpan(0, 64), RecoveryId, hash.Bytes, xy) && Address.FromPublicKey(xy) == signer;
    }

    /// <summary>A copy of the 65 bytes.</summary>
    public byte[] ToArray() => (byte[])_bytes.Clone();

    public bool Equals(Signature? other) => other is not null && _bytes.AsSpan().SequenceEqual(other._bytes);
    public override bool Equals(object? obj) => Equals(obj as Signature);
    public override int GetHashCode() => BitConverter.ToInt32(_bytes, 0);

    /// <summary>0x-prefixed hex of r|s|v.</summary>
    public override string ToString() => Hex.Encode(_bytes);
}
