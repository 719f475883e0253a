namespace Livepeer.Media.Recording;

/// <summary>
/// A recording's disk writes, run one after another off the live path so the stream never waits on the disk; the first
/// write that fails stops the rest and is kept in <see cref="Error"/>.
/// </summary>
internal sealed class RecordingWrites
{
    private readonly object _gate = new();
    private Task _writes = Task.CompletedTask;

    /// <summary>The first write that failed, or null.</summary>
    public Exception? Error { get; private set; }

    /// <summary>Completes when every write queued so far is done.</summary>
    public Task Completion { get { lock (_gate) return _writes; } }

    /// <summary>Queues <paramref name="write"/> after the writes queued before it.</summary>
    public void Enqueue(Action write)
    {
        lock (_gate)
        {
            _writes = _writes.ContinueWith(_ =>
            {
                if (Error is not null) return;
                try { write(); }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException) { Error = e; }
            }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        }
    }
}
