namespace Livepeer.Protocol.Slashing;

/// <summary>
/// One slash of a transcoder: the fraction and the cumulative factors at that moment. Delegators apply the slashes
/// they have not seen yet when they next claim, so a slash is O(1) in the number of delegators.
/// </summary>
public sealed record SlashRecord(long Round, long Fraction, UInt256 CumulativeRewardFactor, UInt256 CumulativeFeeFactor);
