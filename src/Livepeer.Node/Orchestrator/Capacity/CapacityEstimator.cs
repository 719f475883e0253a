namespace Livepeer.Node.Orchestrator.Capacity;

/// <summary>
/// Finds how many sessions this machine serves in real time: runs 1, 2, 3... transcodes of the same segment at once until
/// the slowest breaks <see cref="RealTimeRule"/> (or <c>limit</c> is reached), as go-livepeer's `-maxSessions auto` does.
/// </summary>
public static class CapacityEstimator
{
    /// <summary>
    /// Measures with <paramref name="trial"/> (runs that many transcodes at once, returns the slowest in milliseconds) for a
    /// segment of <paramref name="segmentMs"/>; reports each round to <paramref name="progress"/>.
    /// </summary>
    public static async Task<CapacityMeasurement> MeasureAsync(Func<int, CancellationToken, Task<long>> trial, long segmentMs, int limit, string ladder,
        IProgress<string>? progress, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(segmentMs, 1);
        var trials = new List<CapacityTrial>();
        for (var sessions = 1; sessions <= limit; sessions++)
        {
            progress?.Report($"Measuring capacity: {sessions} session(s) at once ({ladder})...");
            var round = new CapacityTrial(sessions, await trial(sessions, ct), segmentMs);
            trials.Add(round);
            progress?.Report($"  {sessions} session(s): slowest transcode {round.SlowestMs} ms for a {segmentMs} ms segment = {round.RealTimePercent}% of real time " +
                $"({(round.KeepsUp ? "keeps" : "breaks")} the {RealTimeRule.LimitPercent}% rule)");
            if (!round.KeepsUp) break;
        }
        var measured = new CapacityMeasurement(trials, ladder);
        progress?.Report(measured.RealTime
            ? $"Capacity: {measured.Sessions} session(s) in real time ({measured.RealTimePercentAtCapacity}% of real time each at that load)."
            : $"Capacity: this machine cannot transcode even one session of {ladder} within {RealTimeRule.LimitPercent}% of real time " +
              $"({trials[0].RealTimePercent}%); serving 1 session anyway, expect late segments.");
        return measured;
    }
}
