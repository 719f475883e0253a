using System.Collections.Immutable;

namespace Livepeer.Protocol.Bonding;

/// <summary>
/// The transcoder pool (Livepeer's SortedDoublyLL): members sorted by stake, highest first, at most
/// numActiveTranscoders. A member inserted (or re-keyed) with the same stake as others goes before them, as
/// SortedDoublyLL's hint-less insert does; the last member (the first evicted) is the oldest of the least stake.
/// It is the active set of the next round.
/// </summary>
public sealed record TranscoderPool(ImmutableArray<PoolEntry> Members)
{
    /// <summary>The empty pool.</summary>
    public static TranscoderPool Empty { get; } = new(ImmutableArray<PoolEntry>.Empty);

    /// <summary>Number of members.</summary>
    public int Count => Members.Length;

    /// <summary>Index of a member or -1.</summary>
    public int IndexOf(Address transcoder)
    {
        for (var i = 0; i < Members.Length; i++)
            if (Members[i].Transcoder == transcoder) return i;
        return -1;
    }

    /// <summary>True when a member.</summary>
    public bool Contains(Address transcoder) => IndexOf(transcoder) >= 0;

    /// <summary>The member with the least stake.</summary>
    public PoolEntry Last => Members[^1];

    /// <summary>A pool with the member inserted at its place.</summary>
    public TranscoderPool Insert(Address transcoder, UInt256 stake)
    {
        var at = Members.Length;
        for (var i = 0; i < Members.Length; i++)
        {
            if (stake >= Members[i].Stake) { at = i; break; }
        }
        return new TranscoderPool(Members.Insert(at, new PoolEntry(transcoder, stake)));
    }

    /// <summary>A pool without the member.</summary>
    public TranscoderPool Remove(Address transcoder)
    {
        var i = IndexOf(transcoder);
        return i < 0 ? this : new TranscoderPool(Members.RemoveAt(i));
    }

    /// <summary>A pool with the member's stake changed and re-sorted.</summary>
    public TranscoderPool UpdateKey(Address transcoder, UInt256 stake) => Remove(transcoder).Insert(transcoder, stake);

    public bool Equals(TranscoderPool? other) => other is not null && Members.SequenceEqual(other.Members);
    public override int GetHashCode() => Members.Length;
}
