namespace Livepeer.Ethereum.Blocks;

/// <summary>
/// RoundsManager's round arithmetic in protocol block numbers (L1 blocks on Arbitrum):
/// <c>round(block) = lastRoundLengthUpdateRound + (block - lastRoundLengthUpdateStartBlock) / roundLength</c>.
/// A node uses it to know when the next round starts and when a ticket stops being redeemable, without a call per block.
/// </summary>
public sealed record RoundClock(long RoundLength, long LastRoundLengthUpdateRound, long LastRoundLengthUpdateStartBlock, long RoundLockAmount)
{
    /// <summary>RoundsManager's roundLockAmount divisor (MathUtils.PERC_DIVISOR).</summary>
    public const long PercDivisor = 1_000_000;

    /// <summary>The round at protocol block <paramref name="block"/>.</summary>
    public long RoundAt(long block) => LastRoundLengthUpdateRound + (block - LastRoundLengthUpdateStartBlock) / RoundLength;

    /// <summary>The first block of <paramref name="round"/>.</summary>
    public long StartBlock(long round) => LastRoundLengthUpdateStartBlock + (round - LastRoundLengthUpdateRound) * RoundLength;

    /// <summary>Whether <paramref name="block"/> is in its round's lock period (the last roundLength*roundLockAmount/1e6 blocks).</summary>
    public bool IsLocked(long block)
    {
        var lockBlocks = RoundLength * RoundLockAmount / PercDivisor;
        return block >= StartBlock(RoundAt(block) + 1) - lockBlocks;
    }

    /// <summary>
    /// The first block at which a ticket created in <paramref name="creationRound"/> can no longer be redeemed: the
    /// TicketBroker accepts it while <c>creationRound + ticketValidityPeriod &gt; currentRound</c>.
    /// </summary>
    public long TicketExpirationBlock(long creationRound, long ticketValidityPeriod) => StartBlock(creationRound + ticketValidityPeriod);
}
