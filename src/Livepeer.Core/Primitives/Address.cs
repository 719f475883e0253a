using Livepeer.Core.Crypto;

namespace Livepeer.Core;

/// <summary>A 20-byte Ethereum account address, formatted with the EIP-55 checksum.</summary>
public readonly struct Address : IEquatable<Address>, IComparable<Address>
{
    /// <summary>Length in bytes.</summary>
    public const int Length = 20;
    private readonly byte[]? _bytes;

    /// <summary>The zero address.</summary>
    public static readonly Address Zero = new(new byte[Length]);

    /// <summary>Copies 20 bytes.</summary>
    public Address(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Length) throw new ArgumentException($"An address is {Length} bytes, got {bytes.Length}.", nameof(bytes));
        _bytes = bytes.ToArray();
    }

    /// <summary>The address bytes (20).</summary>
    public ReadOnlySpan<byte> Bytes => _bytes ?? Zero._bytes!;

    /// <summary>True for 0x000...0.</summary>
    public bool IsZero => Bytes.IndexOfAnyExcept((byte)0) < 0;

    /// <summary>A copy of the bytes.</summary>
    public byte[] ToArray() => Bytes.ToArray();

    /// <summary>The address of an uncompressed 64-byte public key (X|Y, no 0x04 prefix) or 65-byte (with it).</summary>
    public static Address FromPublicKey(ReadOnlySpan<byte> publicKey)
    {
        if (publicKey.Length == 65 && publicKey[0] == 0x04) publicKey = publicKey[1..];
        if (publicKey.Length != 64)
            throw new ArgumentException($"An uncompressed public key is 64 bytes (or 65 with 0x04), got {publicKey.Length}.", nameof(publicKey));
        Span<byte> hash = stackalloc byte[32];
        Keccak256.Hash(publicKey, hash);
        return new Address(hash[12..]);
    }

    /// <summary>
    /// Parses 0x-prefixed hex. All-lower or all-upper hex is accepted as is; mixed case must carry a valid EIP-55 checksum.
    /// </summary>
    public static Address Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!text.StartsWith("0x", StringComparison.Ordinal) && !text.StartsWith("0X", StringComparison.Ordinal))
            throw new FormatException($"An address starts with 0x: '{Hex.Shorten(text)}'.");
        var address = new Address(Hex.DecodeExact(text, Length, "An address"));
        var digits = text.AsSpan(2);
        var hasLower = digits.ContainsAnyInRange('a', 'f');
        var hasUpper = digits.ContainsAnyInRange('A', 'F');
        if (hasLower && hasUpper && !digits.SequenceEqual(address.ToChecksumString().AsSpan(2)))
            throw new FormatException($"Address '{text}' has a wrong EIP-55 checksum; the checksummed form is {address.ToChecksumString()}.");
        return address;
    }

    /// <summary>Parses without throwing.</summary>
    public static bool TryParse(string? text, out Address address)
    {
        address = default;
        if (text is null) return false;
        try { address = Parse(text); return true; }
        catch (FormatException) { return false; }
    }

    /// <summary>EIP-55 mixed-case checksum form.</summary>
    public string ToChecksumString()
    {
        var lower = Hex.Encode(Bytes, prefix: false);
        Span<byte> hash = stackalloc byte[32];
        Keccak256.Hash(System.Text.Encoding.ASCII.GetBytes(lower), hash);
        var chars = new char[2 + 40];
        chars[0] = '0';
        chars[1] = 'x';
        for (var i = 0; i < 40; i++)
        {
            var nibble = (hash[i / 2] >> (i % 2 == 0 ? 4 : 0)) & 0xF;
            var c = lower[i];
            chars[2 + i] = c >= 'a' && nibble >= 8 ? char.ToUpperInvariant(c) : c;
        }
        return new string(chars);
    }

    public bool Equals(Address other) => Bytes.SequenceEqual(other.Bytes);
    public override bool Equals(object? obj) => obj is Address a && Equals(a);
    public override int GetHashCode() => BitConverter.ToInt32(Bytes[16..]);
    public int CompareTo(Address other) => Bytes.SequenceCompareTo(other.Bytes);
    public static bool operator ==(Address a, Address b) => a.Equals(b);
    public static bool operator !=(Address a, Address b) => !a.Equals(b);

    /// <summary>EIP-55 checksum form.</summary>
    public override string ToString() => ToChecksumString();
}
