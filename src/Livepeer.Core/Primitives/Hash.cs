namespace Livepeer.Core;

/// <summary>A 32-byte hash (Keccak-256 output, block hash, state hash).</summary>
public readonly struct Hash : IEquatable<Hash>, IComparable<Hash>
{
    /// <summary>Length in bytes.</summary>
    public const int Length = 32;
    private readonly byte[]? _bytes;

    /// <summary>The all-zero hash.</summary>
    public static readonly Hash Zero = new(new byte[Length]);

    /// <summary>Copies 32 bytes.</summary>
    public Hash(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Length) throw new ArgumentException($"A hash is {Length} bytes, got {bytes.Length}.", nameof(bytes));
        _bytes = bytes.ToArray();
    }

    /// <summary>The hash bytes (32).</summary>
    public ReadOnlySpan<byte> Bytes => _bytes ?? Zero._bytes!;

    /// <summary>True for the all-zero hash.</summary>
    public bool IsZero => Bytes.IndexOfAnyExcept((byte)0) < 0;

    /// <summary>A copy of the bytes.</summary>
    public byte[] ToArray() => Bytes.ToArray();

    /// <summary>Parses 0x-prefixed hex of exactly 32 bytes.</summary>
    public static Hash Parse(string hex) => new(Hex.DecodeExact(hex, Length, "A hash"));

    /// <summary>Parses without throwing.</summary>
    public static bool TryParse(string? hex, out Hash hash)
    {
        hash = default;
        if (hex is null) return false;
        try { hash = Parse(hex); return true; }
        catch (FormatException) { return false; }
    }

    public bool Equals(Hash other) => Bytes.SequenceEqual(other.Bytes);
    public override bool Equals(object? obj) => obj is Hash h && Equals(h);
    public override int GetHashCode() => BitConverter.ToInt32(Bytes[..4]);
    public int CompareTo(Hash other) => Bytes.SequenceCompareTo(other.Bytes);
    public static bool operator ==(Hash a, Hash b) => a.Equals(b);
    public static bool operator !=(Hash a, Hash b) => !a.Equals(b);

    /// <summary>0x-prefixed lower-case hex.</summary>
    public override string ToString() => Hex.Encode(Bytes);
}
