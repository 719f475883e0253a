using System.Globalization;
using System.Numerics;

namespace Livepeer.Core;

/// <summary>
/// A non-negative integer below 2^256, as Solidity's uint256. Arithmetic is checked: a result below zero or at
/// least 2^256 throws <see cref="OverflowException"/> instead of wrapping, so protocol bugs surface as errors.
/// </summary>
public readonly struct UInt256 : IEquatable<UInt256>, IComparable<UInt256>, IComparable
{
    private static readonly BigInteger Modulus = BigInteger.One << 256;
    private readonly BigInteger _value;

    /// <summary>0.</summary>
    public static readonly UInt256 Zero = default;
    /// <summary>1.</summary>
    public static readonly UInt256 One = new(BigInteger.One);
    /// <summary>2^256 - 1.</summary>
    public static readonly UInt256 MaxValue = new(Modulus - 1);

    /// <summary>Wraps a value; throws when it is negative or at least 2^256.</summary>
    public UInt256(BigInteger value)
    {
        if (value.Sign < 0) throw new OverflowException($"uint256 cannot be negative ({value}).");
        if (value >= Modulus) throw new OverflowException($"Value does not fit in 256 bits ({value}).");
        _value = value;
    }

    /// <summary>The value as a BigInteger.</summary>
    public BigInteger Value => _value;
    /// <summary>True for 0.</summary>
    public bool IsZero => _value.IsZero;

    public static implicit operator UInt256(ulong v) => new(v);
    public static implicit operator UInt256(uint v) => new(v);
    public static implicit operator BigInteger(UInt256 v) => v._value;
    public static explicit operator UInt256(BigInteger v) => new(v);
    public static explicit operator UInt256(int v) => new(v);
    public static explicit operator UInt256(long v) => new(v);
    public static explicit operator ulong(UInt256 v) => (ulong)v._value;
    public static explicit operator long(UInt256 v) => (long)v._value;

    public static UInt256 operator +(UInt256 a, UInt256 b) => new(a._value + b._value);
    public static UInt256 operator -(UInt256 a, UInt256 b) => new(a._value - b._value);
    public static UInt256 operator *(UInt256 a, UInt256 b) => new(a._value * b._value);
    public static UInt256 operator /(UInt256 a, UInt256 b) =>
        b._value.IsZero ? throw new DivideByZeroException("uint256 division by zero.") : new(a._value / b._value);
    public static UInt256 operator %(UInt256 a, UInt256 b) =>
        b._value.IsZero ? throw new DivideByZeroException("uint256 modulo by zero.") : new(a._value % b._value);
    public static bool operator <(UInt256 a, UInt256 b) => a._value < b._value;
    public static bool operator >(UInt256 a, UInt256 b) => a._value > b._value;
    public static bool operator <=(UInt256 a, UInt256 b) => a._value <= b._value;
    public static bool operator >=(UInt256 a, UInt256 b) => a._value >= b._value;
    public static bool operator ==(UInt256 a, UInt256 b) => a._value == b._value;
    public static bool operator !=(UInt256 a, UInt256 b) => a._value != b._value;

    /// <summary>a * b / c rounded down, with a full-precision intermediate (like OpenZeppelin's mulDiv).</summary>
    public static UInt256 MulDiv(UInt256 a, UInt256 b, UInt256 c) =>
        c._value.IsZero ? throw new DivideByZeroException("mulDiv by zero.") : new(a._value * b._value / c._value);

    /// <summary>The smaller of two values.</summary>
    public static UInt256 Min(UInt256 a, UInt256 b) => a <= b ? a : b;
    /// <summary>The larger of two values.</summary>
    public static UInt256 Max(UInt256 a, UInt256 b) => a >= b ? a : b;
    /// <summary>a - b, or 0 when b exceeds a.</summary>
    public static UInt256 SaturatingSub(UInt256 a, UInt256 b) => a <= b ? Zero : new(a._value - b._value);

    /// <summary>32 bytes, big-endian (Solidity's abi encoding of uint256).</summary>
    public byte[] ToBigEndian32()
    {
        var bytes = new byte[32];
        WriteBigEndian32(bytes);
        return bytes;
    }

    /// <summary>Writes 32 big-endian bytes into <paramref name="destination"/>.</summary>
    public void WriteBigEndian32(Span<byte> destination)
    {
        destination[..32].Clear();
        var count = _value.GetByteCount(isUnsigned: true);
        _value.TryWriteBytes(destination[(32 - count)..32], out _, isUnsigned: true, isBigEndian: true);
    }

    /// <summary>Minimal big-endian bytes (empty for 0), as protobuf bytes fields carry integers.</summary>
    public byte[] ToBigEndianMinimal() => _value.IsZero ? [] : _value.ToByteArray(isUnsigned: true, isBigEndian: true);

    /// <summary>Reads up to 32 big-endian bytes.</summary>
    public static UInt256 FromBigEndian(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > 32) throw new OverflowException($"uint256 is at most 32 bytes, got {bytes.Length}.");
        return new(new BigInteger(bytes, isUnsigned: true, isBigEndian: true));
    }

    /// <summary>Parses a decimal integer or a 0x-prefixed hex quantity.</summary>
    public static UInt256 Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var s = text.Trim();
        if (s.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            var digits = s[2..];
            if (digits.Length == 0 || digits.Length > 64 || !digits.All(char.IsAsciiHexDigit))
                throw new FormatException($"'{Hex.Shorten(text)}' is not a 256-bit hex quantity.");
            return new(BigInteger.Parse("0" + digits, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture));
        }
        if (s.Length == 0 || s.Length > 78 || !s.All(char.IsAsciiDigit))
            throw new FormatException($"'{Hex.Shorten(text)}' is not a non-negative integer.");
        var v = BigInteger.Parse(s, NumberStyles.None, CultureInfo.InvariantCulture);
        if (v >= Modulus) throw new FormatException($"'{Hex.Shorten(text)}' does not fit in 256 bits.");
        return new(v);
    }

    /// <summary>Parses without throwing.</summary>
    public static bool TryParse(string? text, out UInt256 value)
    {
        value = default;
        if (text is null) return false;
        try { value = Parse(text); return true; }
        catch (FormatException) { return false; }
    }

    /// <summary>0x-prefixed minimal hex, as JSON-RPC quantities are written.</summary>
    public string ToHexQuantity() => _value.IsZero ? "0x0" : "0x" + Convert.ToHexStringLower(ToBigEndianMinimal()).TrimStart('0');

    public bool Equals(UInt256 other) => _value == other._value;
    public override bool Equals(object? obj) => obj is UInt256 u && Equals(u);
    public override int GetHashCode() => _value.GetHashCode();
    public int CompareTo(UInt256 other) => _value.CompareTo(other._value);
    public int CompareTo(object? obj) => obj is UInt256 u ? CompareTo(u) : throw new ArgumentException("Not a UInt256.");

    /// <summary>Decimal digits.</summary>
    public override string ToString() => _value.ToString(CultureInfo.InvariantCulture);
}
