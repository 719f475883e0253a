using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Google.Protobuf;
using Livepeer.Core;
using Livepeer.Wire.Compatibility;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Proto = Livepeer.Wire.Messages;

namespace Livepeer.Node.Orchestrator.Transcoders;

/// <summary>
/// The orchestrator's transcoders: remote ones registered over RegisterTranscoder and, optionally, the local one. A segment
/// goes to the least-loaded remote transcoder with free capacity; when it fails, times out or disconnects the segment moves
/// to another one, then to the local transcoder.
/// </summary>
public sealed class TranscoderPool : IOrchestratorTranscoder
{
    private readonly TranscoderPoolOptions _options;
    private readonly IOrchestratorTranscoder? _local;
    private readonly TimeProvider _time;
    private readonly ILogger _log;
    private readonly byte[] _secret;
    private readonly object _gate = new();
    private readonly List<RemoteTranscoder> _remotes = [];
    private readonly ConcurrentDictionary<long, PendingTask> _tasks = new();
    // Which transcoders worked for which broadcaster session (by auth token session id): they get go's teardown when it ends.
    private readonly Dictionary<string, HashSet<RemoteTranscoder>> _sessions = new(StringComparer.Ordinal);
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _nextTranscoder;
    private long _nextTask;
    private long _moved;

    /// <summary>Creates a pool; <paramref name="local"/> takes segments no remote transcoder could.</summary>
    public TranscoderPool(TranscoderPoolOptions options, IOrchestratorTranscoder? local, TimeProvider time, ILogger<TranscoderPool>? log = null)
    {
        options.Validate();
        (_options, _local, _time, _log) = (options, local, time, log ?? (ILogger)NullLogger.Instance);
        _secret = Encoding.UTF8.GetBytes(options.Secret);
    }

    /// <summary>Base of the source URLs handed to transcoders (the orchestrator's own address); set when the server binds.</summary>
    public Uri? SourceBaseUri { get; set; }
    /// <summary>Settings.</summary>
    public TranscoderPoolOptions Options => _options;
    /// <summary>
    /// NotifySegment.orchId: the orchestrator's checksummed address, or "offchain" (go-livepeer's values; its transcoders
    /// write it into the renditions' metadata).
    /// </summary>
    public string OrchId { get; set; } = OffChainOrchId;
    /// <summary>go-livepeer's orchId of an orchestrator without a chain.</summary>
    public const string OffChainOrchId = "offchain";
    /// <summary>Session teardowns sent to transcoders so far.</summary>
    public long Teardowns => Interlocked.Read(ref _teardowns);
    private long _teardowns;
    /// <summary>Whether a local transcoder takes what remote ones cannot.</summary>
    public bool HasLocal => _local is not null;
    /// <summary>Registered remote transcoders.</summary>
    public int Transcoders { get { lock (_gate) return _remotes.Count; } }
    /// <summary>Tasks held by remote transcoders now.</summary>
    public int Load { get { lock (_gate) return _remotes.Sum(r => r.Load); } }
    /// <summary>Total capacity of the remote transcoders.</summary>
    public int Capacity { get { lock (_gate) return _remotes.Sum(r => r.Capacity); } }
    /// <summary>Tasks that moved to another transcoder after a failure.</summary>
    public long Moved => Interlocked.Read(ref _moved);
    /// <summary>A snapshot of the remote transcoders, for status pages.</summary>
    public IReadOnlyList<(long Id, string Peer, int Capacity, int Load)> Snapshot()
    {
        lock (_gate) return _remotes.Select(r => (r.Id, r.Peer, r.Capacity, r.Load)).ToList();
    }

    internal IReadOnlyCollection<long> PendingTaskIds => _tasks.Keys.ToList();

    /// <summary>Whether <paramref name="secret"/> is the shared secret (constant time).</summary>
    public bool IsSecret(string? secret) =>
        secret is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(secret), _secret);

    /// <summary>go-livepeer's DefaultCapabilities: what a transcoder that registers none is taken to do.</summary>
    public static CapabilitySet DefaultCapabilities { get; } = CapabilitySet.Of(Capability.H264, Capability.MpegTs, Capability.Mp4, Capability.FractionalFramerates,
        Capability.StorageDirect, Capability.StorageS3, Capability.StorageGcs, Capability.ProfileH264Baseline, Capability.ProfileH264Main,
        Capability.ProfileH264High, Capability.ProfileH264ConstrainedHigh, Capability.Gop, Capability.AuthToken, Capability.Mpeg7VideoSignature);

    /// <summary>Adds a transcoder that registered with <paramref name="capacity"/> and <paramref name="capabilities"/> (null: go's defaults).</summary>
    public RemoteTranscoder Register(int capacity, string peer, Proto.Capabilities? capabilities = null)
    {
        if (capacity < 1) throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "A transcoder's capacity must be at least 1.");
        var remote = new RemoteTranscoder(Interlocked.Increment(ref _nextTranscoder), peer, capacity,
            capabilities is null ? DefaultCapabilities : CapabilitySet.FromBitstring(capabilities.Bitstring));
        lock (_gate)
        {
            _remotes.Add(remote);
            Signal();
        }
        _log.Registered(remote.Id, peer, capacity);
        return remote;
    }

    /// <summary>Drops a transcoder; the tasks it held move to other transcoders.</summary>
    public void Remove(RemoteTranscoder remote, string reason)
    {
        lock (_gate)
        {
            if (!_remotes.Remove(remote)) return;
            foreach (var (id, set) in _sessions.Where(e => e.Value.Remove(remote) && e.Value.Count == 0).ToList()) _sessions.Remove(id);
            Signal();
        }
        remote.Close(reason);
        _log.Left(remote.Id, remote.Peer, reason);
    }

    /// <summary>Drops every transcoder (the orchestrator is stopping).</summary>
    public void RemoveAll(string reason)
    {
        List<RemoteTranscoder> all;
        lock (_gate) all = [.. _remotes];
        foreach (var r in all) Remove(r, reason);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<TranscodedRendition>> TranscodeAsync(SegmentJob job, CancellationToken ct)
    {
        var timeout = TimeSpan.FromTicks(Math.Max(_options.MinTaskTimeout.Ticks, job.Duration.Ticks * 4));
        var tried = new HashSet<RemoteTranscoder>();
        var failures = new List<string>();
        var needed = CapabilitySet.FromBitstring(job.Capabilities?.Bitstring ?? []);
        while (await AcquireAsync(tried, needed, timeout, ct) is { } remote)
        {
            tried.Add(remote);
            try
            {
                return await RunAsync(remote, job, timeout, ct);
            }
            catch (RemoteTranscodeException e)
            {
                failures.Add(e.Message);
                Interlocked.Increment(ref _moved);
                _log.SegmentMoved(job.ManifestId, job.Seq, remote.Id, e.Message);
                if (e.DropTranscoder) Remove(remote, "failed a task: " + e.Message);
            }
            finally
            {
                Release(remote);
            }
        }
        if (_local is not null) return await _local.TranscodeAsync(job, ct);
        if (failures.Count > 0)
            throw new TranscoderUnavailableException($"every transcoder failed this segment: {string.Join("; ", failures)}");
        throw new TranscoderUnavailableException(tried.Count == 0 && Transcoders > 0
            ? $"no transcoder available: all {Transcoders} are at capacity ({Capacity} tasks); add capacity with livepeer transcoder --orch-addr {SourceBaseUri} --orch-secret SECRET"
            : $"no transcoder available; start one with livepeer transcoder --orch-addr {SourceBaseUri} --orch-secret SECRET --capacity N");
    }

    /// <summary>Takes a slot on the least-loaded untried transcoder, waiting for one to free up; null when none is left.</summary>
    private async Task<RemoteTranscoder?> AcquireAsync(HashSet<RemoteTranscoder> tried, CapabilitySet needed, TimeSpan wait, CancellationToken ct)
    {
        var deadline = _time.GetUtcNow() + wait;
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                var candidates = _remotes.Where(r => !tried.Contains(r) && needed.IsSubsetOf(r.Capabilities)).ToList();
                if (candidates.Count == 0) return null;
                var free = candidates.Where(r => r.Load < r.Capacity)
                    .OrderBy(r => r.Load).ThenByDescending(r => r.Capacity - r.Load).ThenBy(r => r.Id).FirstOrDefault();
                if (free is not null)
                {
                    free.Load++;
                    return free;
                }
                changed = _changed.Task;
            }
            var remaining = deadline - _time.GetUtcNow();
            if (remaining <= TimeSpan.Zero) return null;
            try { await changed.WaitAsync(remaining, _time, ct); }
            catch (TimeoutException) { return null; }
        }
    }

    private void Release(RemoteTranscoder remote)
    {
        lock (_gate)
        {
            remote.Load--;
            Signal();
        }
    }

    private void Signal()
    {
        var old = _changed;
        _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        old.TrySetResult();
    }

    private async Task<IReadOnlyList<TranscodedRendition>> RunAsync(RemoteTranscoder remote, SegmentJob job, TimeSpan timeout, CancellationToken ct)
    {
        var baseUri = SourceBaseUri ?? throw new InvalidOperationException("The transcoder pool has no source URL yet: start the orchestrator server with it first.");
        var task = new PendingTask(Interlocked.Increment(ref _nextTask), Hex.Encode(RandomNumberGenerator.GetBytes(16)), job, remote);
        _tasks[task.Id] = task;
        remote.Tasks[task.Id] = task;
        try
        {
            if (remote.Closed) throw new RemoteTranscodeException($"transcoder {remote.Id} disconnected", dropTranscoder: true);
            var seg = new Proto.SegData
            {
                ManifestId = ByteString.CopyFromUtf8(job.ManifestId),
                Seq = job.Seq,
                Duration = (int)job.Duration.TotalMilliseconds,
                // As go-livepeer's: the session's auth token (its GPU transcoders read the session id from it) and the job's capabilities.
                AuthToken = job.AuthToken,
                Capabilities = job.Capabilities,
                CalcPerceptualHash = job.CalcPerceptualHash,
            };
            seg.FullProfiles3.Add(job.Profiles);
            var notify = new Proto.NotifySegment { Url = new Uri(baseUri, SourcePath(task.Id, task.Token)).ToString(), TaskId = task.Id, SegData = seg, OrchId = OrchId };
            if (!remote.Send(notify)) throw new RemoteTranscodeException($"transcoder {remote.Id} disconnected", dropTranscoder: true);
            if (job.AuthToken is { SessionId.Length: > 0 } token)
                lock (_gate)
                {
                    if (!_sessions.TryGetValue(token.SessionId, out var set)) _sessions[token.SessionId] = set = [];
                    set.Add(remote);
                }
            _log.SegmentAssigned(job.ManifestId, job.Seq, task.Id, remote.Id);
            try
            {
                return await task.Result.WaitAsync(timeout, _time, ct);
            }
            catch (TimeoutException)
            {
                throw new RemoteTranscodeException($"transcoder {remote.Id} gave no result within {timeout.TotalSeconds:0.#} s", dropTranscoder: true);
            }
        }
        finally
        {
            _tasks.TryRemove(task.Id, out _);
            remote.Tasks.TryRemove(task.Id, out _);
        }
    }

    void IOrchestratorTranscoder.EndSession(string sessionId) => EndSession(sessionId);

    /// <summary>
    /// A broadcaster session ended: as go-livepeer's orchestrator, every transcoder that worked for it gets a NotifySegment
    /// without a URL whose SegData carries only the auth token's session id, so it can free what it holds for the session
    /// (go's GPU transcoders keep a hardware session per stream). Returns how many were told.
    /// </summary>
    public int EndSession(string sessionId)
    {
        (_local as Transcoding.LocalSegmentTranscoder)?.EndSession(sessionId);
        List<RemoteTranscoder> told;
        lock (_gate)
        {
            if (!_sessions.Remove(sessionId, out var set)) return 0;
            told = [.. set];
        }
        var sent = 0;
        foreach (var remote in told)
        {
            var teardown = new Proto.NotifySegment { SegData = new Proto.SegData { AuthToken = new Proto.AuthToken { SessionId = sessionId } }, OrchId = OrchId };
            if (!remote.Closed && remote.Send(teardown)) sent++;
        }
        Interlocked.Add(ref _teardowns, sent);
        if (sent > 0) _log.SessionEnded(sessionId, sent);
        return sent;
    }

    /// <summary>Path the transcoder downloads a task's source segment from.</summary>
    internal static string SourcePath(long taskId, string token) => $"/segment-source/{taskId}/{token}";

    /// <summary>The source segment of a live task, when the token matches.</summary>
    internal byte[]? Source(long taskId, string token) =>
        _tasks.TryGetValue(taskId, out var task) && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(token), Encoding.ASCII.GetBytes(task.Token))
            ? task.Job.Data : null;

    /// <summary>Whether a task is waiting for its result.</summary>
    internal bool IsPending(long taskId) => _tasks.ContainsKey(taskId);

    /// <summary>Completes a task with the renditions a transcoder posted; returns what is wrong when they do not match the profiles asked for.</summary>
    internal string? Complete(long taskId, IReadOnlyList<TranscodedRendition>? renditions, string? error)
    {
        if (!_tasks.TryGetValue(taskId, out var task)) return null;
        if (error is not null)
        {
            task.Fail(new RemoteTranscodeException($"transcoder {task.Transcoder.Id} reported: {error}", dropTranscoder: false));
            return null;
        }
        if (renditions is null || renditions.Count != task.Job.Profiles.Count)
        {
            var wrong = $"{renditions?.Count ?? 0} renditions for {task.Job.Profiles.Count} profiles";
            task.Fail(new RemoteTranscodeException($"transcoder {task.Transcoder.Id} returned {wrong}", dropTranscoder: true));
            return $"The result has {wrong}; send one part per profile, in order.";
        }
        // Renditions are named by the profiles asked for, in order, so a transcoder cannot rename outputs.
        task.Complete(renditions.Select((r, i) => r with { ProfileName = task.Job.Profiles[i].Name }).ToList());
        return null;
    }
}
