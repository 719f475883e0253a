namespace Livepeer.Protocol.Parameters;

/// <summary>Parts per million (rewardCut, feeShare, slash fractions): Livepeer's MathUtils.</summary>
public static class Ppm
{
    /// <summary>1,000,000 = 100%.</summary>
    public const long One = 1_000_000;

    /// <summary>amount * fraction / 1e6, rounded down.</summary>
    public static UInt256 Of(UInt256 amount, long fraction) => UInt256.MulDiv(amount, (UInt256)fraction, (UInt256)One);
}
