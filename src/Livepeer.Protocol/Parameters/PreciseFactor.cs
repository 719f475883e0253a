using System.Numerics;

namespace Livepeer.Protocol.Parameters;

/// <summary>
/// The 1e27 fixed point of the LIP-36 cumulative factors and of the treasury cut rate (Livepeer's PreciseMathUtils):
/// the fraction is truncated to 27 decimals before it is applied, exactly as the contracts round.
/// </summary>
public static class PreciseFactor
{
    /// <summary>1e27 = a factor of 1.</summary>
    public static readonly UInt256 One = new(BigInteger.Pow(10, 27));

    /// <summary>percPoints(num, den) = floor(num * 1e27 / den).</summary>
    public static UInt256 PercPoints(UInt256 num, UInt256 den) => UInt256.MulDiv(num, One, den);

    /// <summary>percOf(amount, num, den) = floor(amount * percPoints(num, den) / 1e27).</summary>
    public static UInt256 PercOf(UInt256 amount, UInt256 num, UInt256 den) => UInt256.MulDiv(amount, PercPoints(num, den), One);

    /// <summary>percOf(amount, frac) = floor(amount * frac / 1e27).</summary>
    public static UInt256 PercOf(UInt256 amount, UInt256 frac) => UInt256.MulDiv(amount, frac, One);

    /// <summary>A stored factor of 0 means "never set" and reads as 1e27 (the contracts' default).</summary>
    public static UInt256 OrOne(UInt256 factor) => factor.IsZero ? One : factor;
}
