using System.Collections.Concurrent;
using Livepeer.Node.Orchestrator;

namespace Livepeer.Node.Tests.Transcoders;

/// <summary>Pretends to transcode (one rendition per profile, pixels = width x height x 60) and records concurrency; an optional gate holds tasks.</summary>
internal sealed class FakeSegmentTranscoder(Func<SegmentJob, CancellationToken, Task>? gate = null) : IOrchestratorTranscoder
{
    private int _running;
    private int _maxRunning;
    private int _calls;

    public ConcurrentQueue<SegmentJob> Jobs { get; } = new();
    public int Running => Volatile.Read(ref _running);
    public int MaxRunning => Volatile.Read(ref _maxRunning);
    public int Calls => Volatile.Read(ref _calls);

    public async Task<IReadOnlyList<TranscodedRendition>> TranscodeAsync(SegmentJob job, CancellationToken ct)
    {
        var running = Interlocked.Increment(ref _running);
        int max;
        while (running > (max = Volatile.Read(ref _maxRunning)) && Interlocked.CompareExchange(ref _maxRunning, running, max) != max) { }
        Interlocked.Increment(ref _calls);
        Jobs.Enqueue(job);
        try
        {
            if (gate is not null) await gate(job, ct);
            return job.Profiles.Select(p => new TranscodedRendition(p.Name, [.. job.Data, (byte)p.Width], (long)p.Width * p.Height * 60, "video/mp2t")).ToList();
        }
        finally
        {
            Interlocked.Decrement(ref _running);
        }
    }
}
