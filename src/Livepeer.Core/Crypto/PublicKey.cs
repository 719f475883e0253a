namespace Livepeer.Core.Crypto;

/// <summary>A secp256k1 public key (a curve point), kept as the 64 bytes X|Y that Ethereum hashes into an address.</summary>
public sealed class PublicKey : IEquatable<PublicKey>
{
    private readonly byte[] _xy;
    private readonly byte[] _parsed = new byte[64]; // libsecp256k1's opaque pubkey struct, parsed once for verify

    private PublicKey(byte[] xy, ReadOnlySpan<byte> parsed)
    {
        _xy = xy;
        parsed.CopyTo(_parsed);
        Address = Address.FromPublicKey(xy);
    }

    /// <summary>Parses 64 bytes X|Y, 65 bytes 0x04|X|Y or 33 compressed bytes; refuses points not on the curve.</summary>
    public static PublicKey FromBytes(ReadOnlySpan<byte> bytes)
    {
        Span<byte> parsed = stackalloc byte[64];
        if (!Secp256k1.TryParsePublicKey(bytes, parsed))
            throw new FormatException($"Not a secp256k1 public key: expected 33, 64 or 65 bytes of a point on the curve, got {bytes.Length} bytes that are not.");
        var xy = Secp256k1.Serialize(parsed, compressed: false)[1..];
        return new PublicKey(xy, parsed);
    }

    /// <summary>Parses hex of 33, 64 or 65 bytes.</summary>
    public static PublicKey Parse(string hex) => FromBytes(Hex.Decode(hex));

    /// <summary>The account address: the last 20 bytes of keccak256(X|Y).</summary>
    public Address Address { get; }

    /// <summary>The 64 bytes X|Y.</summary>
    public ReadOnlySpan<byte> Bytes => _xy;

    /// <summary>The 33-byte compressed form.</summary>
    public byte[] ToCompressed() => Secp256k1.Serialize(_parsed, compressed: true);

    /// <summary>
    /// True when <paramref name="signature"/> (r|s) was made by this key over <paramref name="hash"/>. The v byte is not
    /// needed for verification and is ignored.
    /// </summary>
    public bool Verify(Hash hash, Signature signature)
    {
        ArgumentNullException.ThrowIfNull(signature);
        return Secp256k1.Verify(signature.Bytes[..64], hash.Bytes, _parsed);
    }

    public bool Equals(PublicKey? other) => other is not null && _xy.AsSpan().SequenceEqual(other._xy);
    public override bool Equals(object? obj) => Equals(obj as PublicKey);
    public override int GetHashCode() => BitConverter.ToInt32(_xy, 0);

    /// <summary>0x04-prefixed uncompressed hex.</summary>
    public override string ToString() => "0x04" + Hex.Encode(_xy, prefix: false);
}
