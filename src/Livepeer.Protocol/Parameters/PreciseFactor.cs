using System.Numerics;
using Livepeer.Core;

namespace Livepeer.Protocol.Parameters;

/// <summary>The 1e27 fixed point of the LIP-36 cumulative factors (Livepeer's PreciseMathUtils).</summary>
public static class PreciseFactor
{
    /// <summary>1e27 = a factor of 1.</summary>
    public static readonly UInt256 One = new(BigInteger.Pow(10, 27));
}
