using Livepeer.Core;

namespace Livepeer.Node.Orchestrator;

/// <summary>
/// Transcoding sessions (one per broadcaster stream) against the orchestrator's capacity. A session takes a slot only once
/// its segment was accepted (paid for, or from an allowed broadcaster): discovery and refused segments never hold one.
/// A session in credit is closed after <c>idleTimeout</c> without a segment; one without credit (it spent what it paid,
/// or nobody pays here) after the much shorter <c>unpaidTimeout</c>. At most <c>perSender</c> sessions per sender.
/// </summary>
public sealed class SessionRegistry(int capacity, TimeSpan idleTimeout, TimeProvider time, int? perSender = null, TimeSpan? unpaidTimeout = null)
{
    private readonly Dictionary<string, Entry> _sessions = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private readonly TimeSpan _unpaidTimeout = unpaidTimeout is { } t && t < idleTimeout ? t : idleTimeout;

    private sealed record Entry(Address Sender, DateTimeOffset LastUsed, bool Paid);

    /// <summary>Told of each session that closes or expires (go-livepeer's orchestrator then tears it down on its transcoders).</summary>
    public event Action<string>? Ended;

    /// <summary>Open sessions now.</summary>
    public int Count { get { lock (_lock) { Expire(); return _sessions.Count; } } }

    /// <summary>Most sessions at once; lowering it closes nothing, new sessions wait until there is room.</summary>
    public int Capacity
    {
        get { lock (_lock) return capacity; }
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            lock (_lock) capacity = value;
        }
    }

    /// <summary>Most sessions one sender may hold (the zero address, an anonymous off-chain broadcaster, is not limited).</summary>
    public int PerSender => perSender ?? Capacity;

    /// <summary>The open sessions: id, sender, last segment, and whether in credit.</summary>
    public IReadOnlyList<(string Id, Address Sender, DateTimeOffset LastUsed, bool Paid)> Snapshot()
    {
        lock (_lock)
        {
            Expire();
            return _sessions.Select(e => (e.Key, e.Value.Sender, e.Value.LastUsed, e.Value.Paid)).OrderBy(e => e.Key, StringComparer.Ordinal).ToList();
        }
    }

    /// <summary>True when a new session would fit.</summary>
    public bool HasRoom { get { lock (_lock) { Expire(); return _sessions.Count < capacity; } } }

    /// <summary>Sessions held by <paramref name="sender"/>.</summary>
    public int CountFor(Address sender) { lock (_lock) { Expire(); return _sessions.Values.Count(e => e.Sender == sender); } }

    /// <summary>Whether <paramref name="sessionId"/> of <paramref name="sender"/> could open or refresh now; changes nothing.</summary>
    public SessionAdmission Check(string sessionId, Address sender)
    {
        lock (_lock)
        {
            Expire();
            return CheckLocked(sessionId, sender);
        }
    }

    /// <summary>
    /// Opens or refreshes a session of <paramref name="sender"/> after its segment was accepted; <paramref name="paid"/>
    /// says whether it is in credit (or trusted), which sets how soon it expires when idle.
    /// </summary>
    public SessionAdmission TryOpen(string sessionId, Address sender, bool paid)
    {
        lock (_lock)
        {
            Expire();
            var admission = CheckLocked(sessionId, sender);
            if (admission == SessionAdmission.Admitted) _sessions[sessionId] = new Entry(sender, time.GetUtcNow(), paid);
            return admission;
        }
    }

    /// <summary>Marks a session as out of credit (it then expires after the unpaid timeout unless paid again).</summary>
    public void MarkUnpaid(string sessionId)
    {
        lock (_lock)
            if (_sessions.TryGetValue(sessionId, out var e)) _sessions[sessionId] = e with { Paid = false };
    }

    /// <summary>Closes a session and frees its slot.</summary>
    public void Close(string sessionId)
    {
        lock (_lock)
            if (_sessions.Remove(sessionId)) Ended?.Invoke(sessionId);
    }

    private SessionAdmission CheckLocked(string sessionId, Address sender)
    {
        if (_sessions.TryGetValue(sessionId, out var existing))
            return existing.Sender == sender ? SessionAdmission.Admitted : SessionAdmission.NotOwner;
        if (_sessions.Count >= capacity) return SessionAdmission.AtCapacity;
        if (!sender.IsZero && _sessions.Values.Count(e => e.Sender == sender) >= PerSender) return SessionAdmission.SenderLimit;
        return SessionAdmission.Admitted;
    }

    private void Expire()
    {
        var now = time.GetUtcNow();
        foreach (var id in _sessions.Where(e => e.Value.LastUsed < now - (e.Value.Paid ? idleTimeout : _unpaidTimeout)).Select(e => e.Key).ToList())
        {
            _sessions.Remove(id);
            Ended?.Invoke(id);
        }
    }
}
