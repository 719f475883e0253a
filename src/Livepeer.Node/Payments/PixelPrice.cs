using System.Globalization;
using System.Numerics;
using Livepeer.Core;
using Proto = Livepeer.Wire.Messages;

namespace Livepeer.Node.Payments;

/// <summary>
/// A price in wei per pixel as an exact, reduced fraction: go-livepeer's big.Rat of -pricePerUnit / -pixelsPerUnit. The
/// wire's PriceInfo carries its numerator and denominator (go sends the reduced Rat the same way), so 1 wei per 3 pixels
/// stays exact; nothing is rounded and no float is involved.
/// </summary>
public readonly record struct PixelPrice
{
    private PixelPrice(BigInteger numerator, BigInteger denominator) => (Numerator, Denominator) = (numerator, denominator);

    /// <summary>Wei (the reduced numerator).</summary>
    public BigInteger Numerator { get; }

    /// <summary>Pixels (the reduced denominator, at least 1).</summary>
    public BigInteger Denominator { get; }

    /// <summary>Zero wei per pixel.</summary>
    public static PixelPrice Free { get; } = new(BigInteger.Zero, BigInteger.One);

    /// <summary>True for a free price.</summary>
    public bool IsZero => Numerator.IsZero;

    /// <summary><paramref name="pricePerUnit"/> wei for <paramref name="pixelsPerUnit"/> pixels, reduced; throws when negative or per zero pixels.</summary>
    public static PixelPrice Of(BigInteger pricePerUnit, BigInteger pixelsPerUnit)
    {
        if (pricePerUnit.Sign < 0) throw new ArgumentOutOfRangeException(nameof(pricePerUnit), pricePerUnit, "A price cannot be negative.");
        if (pixelsPerUnit.Sign <= 0) throw new ArgumentOutOfRangeException(nameof(pixelsPerUnit), pixelsPerUnit, "Pixels per unit must be positive.");
        if (pricePerUnit.IsZero) return Free;
        var gcd = BigInteger.GreatestCommonDivisor(pricePerUnit, pixelsPerUnit);
        return new PixelPrice(pricePerUnit / gcd, pixelsPerUnit / gcd);
    }

    /// <summary>
    /// Parses go-livepeer's flag values: <paramref name="pricePerUnit"/> in wei, a whole or decimal number, optionally
    /// ending in "wei" ("1200", "0.5", "1000wei"); <paramref name="pixelsPerUnit"/> a whole or decimal number above zero.
    /// Throws <see cref="FormatException"/> naming the bad value.
    /// </summary>
    public static PixelPrice Parse(string pricePerUnit, string pixelsPerUnit)
    {
        var price = pricePerUnit.Trim();
        if (price.EndsWith("wei", StringComparison.OrdinalIgnoreCase)) price = price[..^3].TrimEnd();
        var (pn, pd) = Decimal(price, "price per unit");
        var (xn, xd) = Decimal(pixelsPerUnit.Trim(), "pixels per unit");
        if (xn.IsZero) throw new FormatException($"pixels per unit '{pixelsPerUnit}' must be above zero.");
        return Of(pn * xd, pd * xn);
    }

    /// <summary>An exact fraction from a decimal text: "12", "0.25", "1e3" (big.Rat's SetString forms without a sign).</summary>
    private static (BigInteger Numerator, BigInteger Denominator) Decimal(string text, string what)
    {
        var mantissa = text;
        var exponent = 0;
        var e = text.IndexOfAny(['e', 'E']);
        if (e >= 0)
        {
            if (!int.TryParse(text.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out exponent) || Math.Abs(exponent) > 77)
                throw new FormatException($"{what} '{text}' is not a number.");
            mantissa = text[..e];
        }
        var dot = mantissa.IndexOf('.');
        var digits = dot < 0 ? mantissa : mantissa.Remove(dot, 1);
        if (digits.Length == 0 || digits.Length > 100 || !digits.All(char.IsAsciiDigit) || (dot >= 0 && mantissa.IndexOf('.', dot + 1) >= 0))
            throw new FormatException($"{what} '{text}' is not a non-negative number (whole or decimal, e.g. 1200 or 0.5).");
        var numerator = BigInteger.Parse(digits, CultureInfo.InvariantCulture);
        var scale = (dot < 0 ? 0 : mantissa.Length - dot - 1) - exponent;
        return scale >= 0 ? (numerator, BigInteger.Pow(10, scale)) : (numerator * BigInteger.Pow(10, -scale), BigInteger.One);
    }

    /// <summary>From a wire PriceInfo; throws <see cref="FormatException"/> for a negative price or non-positive pixels.</summary>
    public static PixelPrice FromProto(Proto.PriceInfo info) =>
        info.PricePerUnit < 0 || info.PixelsPerUnit <= 0
            ? throw new FormatException($"price {info.PricePerUnit} per {info.PixelsPerUnit} pixels is not a price.")
            : Of(info.PricePerUnit, info.PixelsPerUnit);

    /// <summary>True when both parts fit the wire's int64 fields.</summary>
    public bool FitsWire => Numerator <= long.MaxValue && Denominator <= long.MaxValue;

    /// <summary>The wire PriceInfo (numerator and denominator); throws when a part does not fit int64.</summary>
    public Proto.PriceInfo ToProto() => FitsWire
        ? new Proto.PriceInfo { PricePerUnit = (long)Numerator, PixelsPerUnit = (long)Denominator }
        : throw new InvalidOperationException($"The price {this} does not fit the wire's 64-bit PriceInfo.");

    /// <summary>The numerator as a <see cref="UInt256"/>.</summary>
    public UInt256 PricePerUnit => (UInt256)Numerator;

    /// <summary>The denominator as a <see cref="UInt256"/>.</summary>
    public UInt256 PixelsPerUnit => (UInt256)Denominator;

    /// <summary>Compares exactly by cross-multiplying.</summary>
    public int CompareTo(PixelPrice other) => (Numerator * other.Denominator).CompareTo(other.Numerator * Denominator);

    /// <summary>True when this price is at most <paramref name="cap"/>.</summary>
    public bool AtMost(PixelPrice cap) => CompareTo(cap) <= 0;

    /// <inheritdoc />
    public override string ToString() => Denominator.IsOne
        ? $"{Numerator} wei/pixel"
        : $"{Numerator} wei per {Denominator} pixels";
}
