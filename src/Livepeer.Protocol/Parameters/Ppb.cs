using Livepeer.Core;

namespace Livepeer.Protocol.Parameters;

/// <summary>Parts per billion (the minter's inflation, inflationChange, targetBondingRate).</summary>
public static class Ppb
{
    /// <summary>1,000,000,000 = 100%.</summary>
    public const long One = 1_000_000_000;

    /// <summary>amount * fraction / 1e9, rounded down.</summary>
    public static UInt256 Of(UInt256 amount, long fraction) => UInt256.MulDiv(amount, (UInt256)fraction, (UInt256)One);
}
