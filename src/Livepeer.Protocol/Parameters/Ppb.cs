namespace Livepeer.Protocol.Parameters;

/// <summary>Parts per billion (the minter's inflation, inflationChange, targetBondingRate): Livepeer's MathUtilsV2.</summary>
public static class Ppb
{
    /// <summary>1,000,000,000 = 100%.</summary>
    public const long One = 1_000_000_000;

    /// <summary>amount * fraction / 1e9, rounded down.</summary>
    public static UInt256 Of(UInt256 amount, long fraction) => UInt256.MulDiv(amount, (UInt256)fraction, (UInt256)One);

    /// <summary>MathUtilsV2.percOf(amount, num, den) = floor(amount * floor(num * 1e9 / den) / 1e9): the fraction is truncated to 9 decimals.</summary>
    public static UInt256 OfFraction(UInt256 amount, UInt256 num, UInt256 den) =>
        UInt256.MulDiv(amount, UInt256.MulDiv(num, (UInt256)One, den), (UInt256)One);
}
