using Livepeer.Core;

namespace Livepeer.Node.Selection;

/// <summary>
/// Orchestrators that failed recently and are not to be chosen until their suspension ends. Each failure doubles the
/// next suspension (up to a cap); a success clears the record.
/// </summary>
public sealed class SuspensionList(SelectionOptions options, TimeProvider time)
{
    private readonly Dictionary<Address, (int Failures, DateTimeOffset Until)> _entries = [];
    private readonly Lock _lock = new();

    /// <summary>Records a failure and returns when the suspension ends.</summary>
    public DateTimeOffset Suspend(Address orchestrator)
    {
        lock (_lock)
        {
            var failures = _entries.TryGetValue(orchestrator, out var e) ? e.Failures + 1 : 1;
            var ticks = Math.Min(options.MaxSuspension.Ticks, options.BaseSuspension.Ticks << Math.Min(failures - 1, 30));
            var until = time.GetUtcNow() + TimeSpan.FromTicks(ticks);
            _entries[orchestrator] = (failures, until);
            return until;
        }
    }

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

    /// <summary>The currently suspended orchestrators with their failure counts and end times.</summary>
    public IReadOnlyList<(Address Orchestrator, int Failures, DateTimeOffset Until)> Current()
    {
        var now = time.GetUtcNow();
        lock (_lock) return _entries.Where(e => now < e.Value.Until).Select(e => (e.Key, e.Value.Failures, e.Value.Until)).ToList();
    }
}
