namespace Livepeer.Node.Orchestrator.Capacity;

/// <summary>One round of the measurement: this many transcodes at once, and the slowest one's time.</summary>
public sealed record CapacityTrial(int Concurrency, long SlowestMs, long SegmentMs)
{
    /// <summary>The slowest transcode over the segment's duration, in percent.</summary>
    public long RealTimePercent => RealTimeRule.Percent(SlowestMs, SegmentMs);

    /// <summary>True when every transcode of the round kept within the real-time rule.</summary>
    public bool KeepsUp => RealTimeRule.Keeps(SlowestMs, SegmentMs);
}

/// <summary>
/// What `--max-sessions auto` measured: the rounds run and the sessions they allow (the largest concurrency whose slowest
/// transcode kept within <see cref="RealTimeRule"/>). <see cref="Sessions"/> is at least 1: a machine that cannot keep even one
/// session in real time still serves one (<see cref="RealTime"/> false says so), or it would be no orchestrator at all.
/// </summary>
public sealed record CapacityMeasurement(IReadOnlyList<CapacityTrial> Trials, string Ladder)
{
    /// <summary>Sessions that keep within the rule, 0 when even one does not.</summary>
    public int RealTimeSessions => Trials.TakeWhile(t => t.KeepsUp).Select(t => t.Concurrency).DefaultIfEmpty(0).Max();

    /// <summary>The capacity to serve with.</summary>
    public int Sessions => Math.Max(1, RealTimeSessions);

    /// <summary>True when at least one session keeps within the rule.</summary>
    public bool RealTime => RealTimeSessions >= 1;

    /// <summary>The slowest transcode's real-time percent at <see cref="Sessions"/> concurrent sessions.</summary>
    public long RealTimePercentAtCapacity => Trials.FirstOrDefault(t => t.Concurrency == Sessions)?.RealTimePercent ?? 0;
}
