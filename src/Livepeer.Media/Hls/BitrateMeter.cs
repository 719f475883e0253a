namespace Livepeer.Media.Hls;

/// <summary>Measures a variant's bitrate: the peak segment bitrate (BANDWIDTH) and the average over all segments (AVERAGE-BANDWIDTH).</summary>
public sealed class BitrateMeter
{
    private long _bytes;
    private double _seconds;

    /// <summary>Highest bits per second of any one segment.</summary>
    public long Peak { get; private set; }

    /// <summary>Total bits over total seconds.</summary>
    public long Average => _seconds > 0 ? (long)Math.Ceiling(_bytes * 8 / _seconds) : 0;

    /// <summary>Adds one segment.</summary>
    public void Add(long bytes, double seconds)
    {
        if (seconds <= 0) return;
        _bytes += bytes;
        _seconds += seconds;
        Peak = Math.Max(Peak, (long)Math.Ceiling(bytes * 8 / seconds));
    }
}
