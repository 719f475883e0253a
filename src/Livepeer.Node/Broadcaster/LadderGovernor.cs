using System.Collections.Concurrent;
using Livepeer.Media.Profiles;

namespace Livepeer.Node.Broadcaster;

/// <summary>How a stream's ladder stands now: the renditions left out and why, and since which segment.</summary>
public sealed record LadderState(IReadOnlyList<string> Dropped, long? LightenedAtSeq, string? Reason);

/// <summary>
/// Lightens the ladder of a stream that falls behind and restores it when it keeps up. A segment is late when its round trip
/// took longer than its duration (the stream's renditions then fall further behind with every segment) or when it was not
/// transcoded for a reason that is about time (timeout, backlog). After <see cref="LateToDrop"/> late segments in a row the most
/// expensive rendition (width x height x frame rate) is left out, down to one rendition; after <see cref="OnTimeToRestore"/>
/// segments in a row whose round trip, scaled by the pixels of the ladder with that rendition back, still fits in the segment's
/// duration, it is put back. Integer arithmetic, so the same round trips always give the same decisions.
/// </summary>
public sealed class LadderGovernor(int lateToDrop = 2, int onTimeToRestore = 3)
{
    private readonly ConcurrentDictionary<string, Track> _streams = new(StringComparer.Ordinal);

    /// <summary>Late segments in a row before a rendition is dropped.</summary>
    public int LateToDrop => lateToDrop;
    /// <summary>Segments in a row that would fit the heavier ladder before a rendition comes back.</summary>
    public int OnTimeToRestore => onTimeToRestore;

    /// <summary>Told when a stream's ladder changes: stream, new state, and whether it was lightened (else restored).</summary>
    public event Action<string, LadderState, bool>? Changed;

    private sealed class Track
    {
        public int Dropped, Late, OnTime;
        public long? LightenedAtSeq;
        public string? Reason;
        public IReadOnlyList<string> DroppedNames = [];
    }

    /// <summary>The ladder to ask for now: <paramref name="full"/> without the dropped renditions, in its order.</summary>
    public IReadOnlyList<VideoProfile> Ladder(string stream, IReadOnlyList<VideoProfile> full)
    {
        if (!_streams.TryGetValue(stream, out var s)) return full;
        lock (s) return Keep(full, s.Dropped);
    }

    /// <summary>A segment of <paramref name="stream"/> (full ladder <paramref name="full"/>) came back transcoded after <paramref name="roundTrip"/>.</summary>
    public void Transcoded(string stream, long seq, IReadOnlyList<VideoProfile> full, TimeSpan roundTrip, TimeSpan duration)
    {
        var s = _streams.GetOrAdd(stream, _ => new Track());
        LadderState? changed = null;
        var lightened = false;
        lock (s)
        {
            var rtMs = (long)roundTrip.TotalMilliseconds;
            var durMs = Math.Max(1L, (long)duration.TotalMilliseconds);
            if (rtMs > durMs) changed = LateLocked(s, seq, full, $"round trip {rtMs} ms for a {durMs} ms segment", out lightened);
            else
            {
                s.Late = 0;
                if (s.Dropped == 0) return;
                // Would the ladder with one more rendition have kept up? Scale this round trip by the pixels it would add.
                var now = PixelRate(Keep(full, s.Dropped));
                var heavier = PixelRate(Keep(full, s.Dropped - 1));
                if ((Int128)rtMs * heavier <= (Int128)durMs * now) s.OnTime++;
                else s.OnTime = 0;
                if (s.OnTime >= onTimeToRestore)
                {
                    s.Dropped--;
                    s.OnTime = 0;
                    Describe(s, full);
                    if (s.Dropped == 0) (s.LightenedAtSeq, s.Reason) = (null, null);
                    changed = Snapshot(s);
                }
            }
        }
        if (changed is not null) Changed?.Invoke(stream, changed, lightened);
    }

    /// <summary>A segment was not transcoded in time (timeout, or skipped because earlier segments were still in transcoding).</summary>
    public void Missed(string stream, long seq, IReadOnlyList<VideoProfile> full, string why)
    {
        var s = _streams.GetOrAdd(stream, _ => new Track());
        LadderState? changed;
        bool lightened;
        lock (s) changed = LateLocked(s, seq, full, why, out lightened);
        if (changed is not null) Changed?.Invoke(stream, changed, lightened);
    }

    /// <summary>The stream's ladder state (nothing dropped for a stream never seen).</summary>
    public LadderState State(string stream)
    {
        if (!_streams.TryGetValue(stream, out var s)) return new LadderState([], null, null);
        lock (s) return Snapshot(s);
    }

    /// <summary>Forgets a stream that ended.</summary>
    public void End(string stream) => _streams.TryRemove(stream, out _);

    private LadderState? LateLocked(Track s, long seq, IReadOnlyList<VideoProfile> full, string why, out bool lightened)
    {
        lightened = false;
        s.OnTime = 0;
        if (++s.Late < lateToDrop || s.Dropped >= full.Count - 1) return null;
        s.Late = 0;
        s.Dropped++;
        s.LightenedAtSeq = seq;
        s.Reason = $"{lateToDrop} late segments in a row (last: {why})";
        Describe(s, full);
        lightened = true;
        return Snapshot(s);
    }

    private static void Describe(Track s, IReadOnlyList<VideoProfile> full)
    {
        var kept = Keep(full, s.Dropped);
        s.DroppedNames = full.Where(p => !kept.Contains(p)).Select(p => p.Name).ToList();
    }

    private static LadderState Snapshot(Track s) => new(s.DroppedNames, s.LightenedAtSeq, s.Reason);

    // The ladder without its `dropped` most expensive renditions (ties: the later one goes first), order kept.
    private static IReadOnlyList<VideoProfile> Keep(IReadOnlyList<VideoProfile> full, int dropped)
    {
        if (dropped <= 0) return full;
        var gone = full.Select((p, i) => (Cost: PixelRate([p]), Index: i)).OrderByDescending(x => x.Cost).ThenByDescending(x => x.Index)
            .Take(Math.Min(dropped, full.Count - 1)).Select(x => x.Index).ToHashSet();
        return full.Where((_, i) => !gone.Contains(i)).ToList();
    }

    // Output pixels per second x 1000 (a profile keeping the source rate counts as 30 fps).
    private static long PixelRate(IReadOnlyList<VideoProfile> ladder) =>
        ladder.Sum(p => (long)p.Width * p.Height * (p.FpsNum == 0 ? 30_000L : p.FpsNum * 1000L / Math.Max(1, p.FpsDen)));
}
