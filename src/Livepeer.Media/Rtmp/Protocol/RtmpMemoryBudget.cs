namespace Livepeer.Media.Rtmp.Protocol;

/// <summary>Bytes that all connections of a server may hold in partly received messages together. Thread-safe.</summary>
public sealed class RtmpMemoryBudget(long limit)
{
    private long _used;

    /// <summary>The most bytes held at once.</summary>
    public long Limit { get; } = limit > 0 ? limit : throw new ArgumentOutOfRangeException(nameof(limit), "Must be positive.");

    /// <summary>Bytes held now.</summary>
    public long Used => Interlocked.Read(ref _used);

    /// <summary>Takes <paramref name="bytes"/> from the budget; false (and nothing taken) when that would pass the limit.</summary>
    public bool TryTake(long bytes)
    {
        if (Interlocked.Add(ref _used, bytes) <= Limit) return true;
        Interlocked.Add(ref _used, -bytes);
        return false;
    }

    /// <summary>Gives bytes back.</summary>
    public void Return(long bytes) => Interlocked.Add(ref _used, -bytes);
}
