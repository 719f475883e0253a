using System.Numerics;
using Livepeer.Core;

namespace Livepeer.Node.Payments;

/// <summary>
/// What a recipient (orchestrator) offers a sender for one run of tickets: face value, win probability, the hash of
/// its secret random number, the seed it derived that number from, when the offer expires, and the round it is tied to.
/// </summary>
public sealed record TicketParams(
    Address Recipient,
    UInt256 FaceValue,
    UInt256 WinProb,
    Hash RecipientRandHash,
    Hash Seed,
    long ExpirationBlock,
    long CreationRound,
    Hash CreationRoundBlockHash)
{
    /// <summary>2^256 - 1: a win probability of 1.</summary>
    public static readonly BigInteger MaxWinProb = (BigInteger.One << 256) - 1;

    /// <summary>Expected value of one ticket in attowei (wei × 10^18), rounded down: faceValue × winProb / (2^256 - 1).</summary>
    public BigInteger ExpectedValueAttowei => FaceValue.Value * WinProb.Value * Attowei.PerWei / MaxWinProb;

    /// <summary>The win probability that makes a ticket of <paramref name="faceValue"/> worth <paramref name="expectedValue"/> wei.</summary>
    public static UInt256 WinProbFor(UInt256 expectedValue, UInt256 faceValue)
    {
        if (faceValue.IsZero) throw new ArgumentException("Face value must be positive.", nameof(faceValue));
        var p = expectedValue.Value * MaxWinProb / faceValue.Value;
        return new UInt256(BigInteger.Min(p, MaxWinProb));
    }
}

/// <summary>Sub-wei accounting: balances and fees are kept in attowei (10^-18 wei) so ticket values never round away.</summary>
public static class Attowei
{
    /// <summary>Attowei in one wei.</summary>
    public static readonly BigInteger PerWei = BigInteger.Pow(10, 18);

    /// <summary>The fee for <paramref name="pixels"/> output pixels at pricePerUnit wei per pixelsPerUnit pixels, in attowei.</summary>
    public static BigInteger Fee(long pixels, UInt256 pricePerUnit, UInt256 pixelsPerUnit) =>
        pixelsPerUnit.IsZero ? throw new ArgumentException("pixelsPerUnit must be positive.") : pixels * pricePerUnit.Value * PerWei / pixelsPerUnit.Value;
}
