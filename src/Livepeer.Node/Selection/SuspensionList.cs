using Livepeer.Core;

namespace Livepeer.Node.Selection;

/// <summary>
/// Orchestrators that failed recently and are not to be chosen until their suspension ends. Each failure doubles the
/// next suspension (up to a cap); a success clears the record. A suspended orchestrator is also due for a retry much
/// sooner (<see cref="SelectionOptions.AloneRetry"/>, doubling per failure), used only when no other one is left.
/// </summary>
public sealed class SuspensionList(SelectionOptions options, TimeProvider time)
{
    private readonly Dictionary<Address, (int Failures, DateTimeOffset Until, DateTimeOffset RetryAt)> _entries = [];
    private readonly Lock _lock = new();

    /// <summary>Records a failure and returns when the suspension ends.</summary>
    public DateTimeOffset Suspend(Address orchestrator)
    {
        lock (_lock)
        {
            var failures = _entries.TryGetValue(orchestrator, out var e) ? e.Failures + 1 : 1;
            var now = time.GetUtcNow();
            var until = now + Doubled(options.BaseSuspension, failures, options.MaxSuspension);
            _entries[orchestrator] = (failures, until, now + Doubled(options.AloneRetry, failures, options.BaseSuspension));
            return until;
        }
    }

    private static TimeSpan Doubled(TimeSpan first, int failures, TimeSpan cap) =>
        TimeSpan.FromTicks(Math.Min(cap.Ticks, first.Ticks << Math.Min(failures - 1, 30)));

    /// <summary>Forgets past failures after a success.</summary>
    public void Clear(Address orchestrator)
    {
        lock (_lock) _entries.Remove(orchestrator);
    }

    /// <summary>True while the orchestrator's suspension lasts.</summary>
    public bool IsSuspended(Address orchestrator)
    {
        lock (_lock) return _entries.TryGetValue(orchestrator, out var e) && time.GetUtcNow() < e.Until;
    }

    /// <summary>True when the orchestrator is suspended but its short retry time has come (worth a try when it is the only one left).</summary>
    public bool IsDueForRetry(Address orchestrator)
    {
        lock (_lock)
        {
            var now = time.GetUtcNow();
            return _entries.TryGetValue(orchestrator, out var e) && now < e.Until && now >= e.RetryAt;
        }
    }

    /// <summary>The currently suspended orchestrators with their failure counts and end times.</summary>
    public IReadOnlyList<(Address Orchestrator, int Failures, DateTimeOffset Until)> Current()
    {
        var now = time.GetUtcNow();
        lock (_lock) return _entries.Where(e => now < e.Value.Until).Select(e => (e.Key, e.Value.Failures, e.Value.Until)).ToList();
    }
}
