namespace Livepeer.Protocol.Genesis;

/// <summary>
/// Genesis vesting: nothing vests before Start + Cliff, then linearly until Start + Duration (block timestamps, seconds).
/// The unvested part of an allocation cannot leave its holder.
/// </summary>
public sealed record VestingSchedule(UInt256 Total, long Start, long Cliff, long Duration)
{
    /// <summary>Amount vested at <paramref name="timestamp"/>.</summary>
    public UInt256 VestedAt(long timestamp)
    {
        if (timestamp < Start + Cliff) return UInt256.Zero;
        if (Duration <= 0 || timestamp >= Start + Duration) return Total;
        return UInt256.MulDiv(Total, (UInt256)(timestamp - Start), (UInt256)Duration);
    }

    /// <summary>Amount still locked at <paramref name="timestamp"/>.</summary>
    public UInt256 LockedAt(long timestamp) => Total - VestedAt(timestamp);
}
