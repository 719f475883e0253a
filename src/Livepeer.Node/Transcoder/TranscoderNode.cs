using System.Globalization;
using System.Text.Json.Nodes;
using Grpc.Core;
using Grpc.Net.Client;
using Livepeer.Node.Orchestrator;
using Livepeer.Node.Orchestrator.Transcoders;
using Livepeer.Node.Transcoding;
using Livepeer.Wire.Compatibility;
using Livepeer.Wire.Segments;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Proto = Livepeer.Wire.Messages;

namespace Livepeer.Node.Transcoder;

/// <summary>
/// A remote transcoder: registers with an orchestrator over RegisterTranscoder, downloads each notified segment, transcodes
/// it (at most Capacity at once) and posts the renditions with their pixel counts to /transcodeResults; reconnects with
/// capped, jittered exponential backoff.
/// </summary>
public sealed class TranscoderNode : IAsyncDisposable
{
    /// <summary>Largest source segment it downloads.</summary>
    public const int MaxSourceBytes = 64 * 1024 * 1024;

    private readonly TranscoderNodeOptions _options;
    private readonly IOrchestratorTranscoder _transcoder;
    private readonly TimeProvider _time;
    private readonly Random _random;
    private readonly ILogger _log;
    private readonly CancellationTokenSource _stop = new();
    private readonly SemaphoreSlim _slots;
    private readonly HttpClient _http;
    private readonly GrpcChannel _channel;
    private readonly object _gate = new();
    private readonly HashSet<Task> _work = [];
    private Task _loop = Task.CompletedTask;
    private int _registrations;
    private int _active;
    private long _completed;
    private long _failed;
    private int _disposed;

    /// <summary>Creates a node; call <see cref="Start"/> to connect.</summary>
    public TranscoderNode(TranscoderNodeOptions options, IOrchestratorTranscoder transcoder, TimeProvider time, Random random, ILogger<TranscoderNode>? log = null)
    {
        options.Validate();
        (_options, _transcoder, _time, _random, _log) = (options, transcoder, time, random, log ?? (ILogger)NullLogger.Instance);
        _slots = new SemaphoreSlim(options.Capacity, options.Capacity);
        Metrics.Registry.AddBeforeCollectCallback(UpdateGauges); // state gauges are read on scrape
        // The orchestrator's certificate is self-signed; its identity is its Ethereum address, not the TLS chain.
        static SocketsHttpHandler Handler() => new() { SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true }, ConnectTimeout = TimeSpan.FromSeconds(10) };
        _http = new HttpClient(Handler()) { Timeout = options.HttpTimeout, MaxResponseContentBufferSize = MaxSourceBytes };
        _channel = GrpcChannel.ForAddress(options.OrchestratorUri, new GrpcChannelOptions { HttpHandler = Handler(), MaxReceiveMessageSize = 1024 * 1024 });
    }

    /// <summary>This node's metrics (its own registry, served by <see cref="TranscoderStatusServer"/>).</summary>
    public TranscoderMetrics Metrics { get; } = new();
    /// <summary>The orchestrator it works for.</summary>
    public Uri OrchestratorUri => _options.OrchestratorUri;
    /// <summary>Most segments transcoded at once.</summary>
    public int Capacity => _options.Capacity;
    /// <summary>The last error seen (connection or task), or null.</summary>
    public string? LastError { get; private set; }

    /// <summary>Whether it is registered right now.</summary>
    public bool Connected { get; private set; }
    /// <summary>Successful registrations so far (1 + reconnects).</summary>
    public int Registrations => Volatile.Read(ref _registrations);
    /// <summary>Segments being transcoded now.</summary>
    public int Active => Volatile.Read(ref _active);
    /// <summary>Results posted.</summary>
    public long Completed => Interlocked.Read(ref _completed);
    /// <summary>Tasks that failed (error reported or upload failed).</summary>
    public long Failed => Interlocked.Read(ref _failed);
    /// <summary>Ends when the node stops: faulted with <see cref="RpcException"/> when the orchestrator refused the secret.</summary>
    public Task Completion => _loop;

    /// <summary>Starts connecting in the background.</summary>
    public TranscoderNode Start()
    {
        _loop = Task.Run(RunAsync);
        return this;
    }

    private async Task RunAsync()
    {
        var client = new Proto.Transcoder.TranscoderClient(_channel);
        var attempt = 0;
        var ct = _stop.Token;
        while (!ct.IsCancellationRequested)
        {
            var counted = false;
            // Tasks belong to one registration: when it ends the orchestrator has moved them elsewhere, so they stop too.
            // Not disposed here: abandoned tasks may still observe its token; it holds no timer.
            var connection = CancellationTokenSource.CreateLinkedTokenSource(ct);
            try
            {
                using var call = client.RegisterTranscoder(new Proto.RegisterRequest
                {
                    Secret = _options.Secret, Capacity = _options.Capacity,
                    Capabilities = NodeCapabilities.ToProto(_options.Capabilities, _options.Capacity, withMandatories: false),
                }, cancellationToken: ct);
                await call.ResponseHeadersAsync;
                // The protocol has no acknowledgement: headers without an immediate refusal mean registered.
                Connected = true;
                counted = true;
                attempt = 0;
                Interlocked.Increment(ref _registrations);
                Metrics.Registrations.Inc();
                _log.Connected(_options.OrchestratorUri, _options.Capacity);
                while (await call.ResponseStream.MoveNext(ct))
                {
                    var notify = call.ResponseStream.Current;
                    if (string.IsNullOrEmpty(notify.Url))
                    {
                        EndSession(notify);
                        continue;
                    }
                    await _slots.WaitAsync(ct);
                    Track(HandleAsync(notify, connection.Token));
                }
                _log.StreamClosed(_options.OrchestratorUri);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                break;
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.Cancelled && ct.IsCancellationRequested)
            {
                break;
            }
            // go-livepeer's orchestrator refuses a wrong secret with a plain error (UNKNOWN "invalid secret"): as fatal as ours.
            catch (RpcException e) when (e.StatusCode is StatusCode.PermissionDenied or StatusCode.InvalidArgument ||
                                         e.StatusCode == StatusCode.Unknown && (e.Status.Detail.Contains("invalid secret", StringComparison.OrdinalIgnoreCase)
                                             || e.Status.Detail.Contains("zero capacity", StringComparison.OrdinalIgnoreCase)))
            {
                _log.RegistrationRefused(_options.OrchestratorUri, e.Status.Detail);
                LastError = $"refused registration: {e.Status.Detail}";
                if (counted) Interlocked.Decrement(ref _registrations);
                Connected = false;
                throw;
            }
            catch (Exception e) when (e is RpcException or HttpRequestException or IOException)
            {
                var message = e is RpcException r ? $"{r.StatusCode}: {r.Status.Detail}" : e.Message;
                LastError = $"orchestrator unreachable or stream broken: {message}";
                _log.Unreachable(_options.OrchestratorUri, message);
            }
            Connected = false;
            await connection.CancelAsync();
            var delay = _options.Backoff(attempt++, _random);
            _log.Reconnecting(_options.OrchestratorUri, (int)delay.TotalMilliseconds, attempt);
            try { await Task.Delay(delay, _time, ct); }
            catch (OperationCanceledException) { break; }
        }
        Connected = false;
    }

    /// <summary>
    /// go-livepeer's session teardown: a NotifySegment without a URL whose SegData names the ended session in its auth token.
    /// Nothing is fetched, transcoded or posted; the local transcoder's sessions for the streams it carried end.
    /// </summary>
    private void EndSession(Proto.NotifySegment notify)
    {
        var session = notify.SegData?.AuthToken?.SessionId;
        Interlocked.Increment(ref _sessionsEnded);
        // Persistent transcode sessions of the ended session's streams stop their waiting ffmpeg now rather than on idle.
        if (!string.IsNullOrEmpty(session)) (_transcoder as LocalSegmentTranscoder)?.EndSession(session);
        _log.SessionEnded(string.IsNullOrEmpty(notify.OrchId) ? OrchestratorUri.ToString() : notify.OrchId,
            string.IsNullOrEmpty(session) ? "(none named)" : session);
    }

    /// <summary>Session teardowns the orchestrator sent (NotifySegment without a URL).</summary>
    public long SessionsEnded => Interlocked.Read(ref _sessionsEnded);
    private long _sessionsEnded;

    private void Track(Task work)
    {
        lock (_gate) _work.Add(work);
        work.ContinueWith(t => { lock (_gate) _work.Remove(t); }, TaskScheduler.Default);
    }

    private async Task HandleAsync(Proto.NotifySegment notify, CancellationToken ct)
    {
        Interlocked.Increment(ref _active);
        Metrics.TasksReceived.Inc();
        try
        {
            var seg = notify.SegData ?? new Proto.SegData();
            HttpContent result;
            try
            {
                var needed = CapabilitySet.FromBitstring(seg.Capabilities?.Bitstring ?? []);
                var own = CapabilitySet.Of(_options.Capabilities);
                if (!needed.IsSubsetOf(own))
                    throw new InvalidOperationException($"incompatible capabilities: this transcoder lacks [{string.Join(",", needed.Except(own))}]");
                var clock = _time.GetTimestamp();
                var data = await _http.GetByteArrayAsync(notify.Url, ct);
                var job = new SegmentJob(seg.ManifestId.ToStringUtf8(), seg.Seq, data, TimeSpan.FromMilliseconds(seg.Duration), [.. ProfileWire.JobProfiles(seg)])
                    { CalcPerceptualHash = seg.CalcPerceptualHash, OrchId = string.IsNullOrEmpty(notify.OrchId) ? null : notify.OrchId };
                var renditions = await _transcoder.TranscodeAsync(job, ct);
                Metrics.TranscodeSeconds.Observe(_time.GetElapsedTime(clock).TotalSeconds);
                result = TranscodeResults.Success(renditions);
                result.Headers.Add(SegmentHeaders.Pixels, renditions.Sum(r => r.Pixels).ToString(CultureInfo.InvariantCulture));
                _log.TaskTranscoded(notify.TaskId, job.ManifestId, job.Seq, string.IsNullOrEmpty(notify.OrchId) ? "(unnamed)" : notify.OrchId, renditions.Count);
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                Interlocked.Increment(ref _failed);
                Metrics.TaskFailures.WithLabels("transcode").Inc();
                LastError = $"task {notify.TaskId}: {e.Message}";
                _log.TaskFailed(notify.TaskId, e.Message);
                result = TranscodeResults.Error(e.Message);
            }
            using var post = new HttpRequestMessage(HttpMethod.Post, new Uri(_options.OrchestratorUri, SegmentHeaders.TranscodeResultsPath)) { Content = result };
            post.Headers.TryAddWithoutValidation(SegmentHeaders.Authorization, SegmentHeaders.TranscoderAuthorization); // go-livepeer answers 401 without it
            post.Headers.Add(SegmentHeaders.Credentials, _options.Secret);
            post.Headers.Add(SegmentHeaders.TaskId, notify.TaskId.ToString(CultureInfo.InvariantCulture));
            using var response = await _http.SendAsync(post, ct);
            if (response.IsSuccessStatusCode)
            {
                Interlocked.Increment(ref _completed);
                Metrics.TasksCompleted.Inc();
            }
            else
            {
                Metrics.TaskFailures.WithLabels("refused").Inc();
                LastError = $"the orchestrator refused the result of task {notify.TaskId}: {(int)response.StatusCode}";
                _log.ResultRefused(notify.TaskId, (int)response.StatusCode, await response.Content.ReadAsStringAsync(ct));
            }
        }
        catch (Exception e) when (ct.IsCancellationRequested || e is HttpRequestException or IOException)
        {
            if (!ct.IsCancellationRequested)
            {
                Metrics.TaskFailures.WithLabels("upload").Inc();
                LastError = $"task {notify.TaskId}: result not posted: {e.Message}";
                _log.ResultNotPosted(notify.TaskId, e.Message);
            }
        }
        finally
        {
            Interlocked.Decrement(ref _active);
            _slots.Release();
        }
    }

    /// <summary>The facts GET /status serves: orchestrator, connection, capacity, tasks in flight, done and failed, last error.</summary>
    public JsonObject Status() => new()
    {
        ["role"] = "transcoder",
        ["orchestrator"] = OrchestratorUri.ToString(),
        ["connected"] = Connected,
        ["state"] = Connected ? "connected" : Completion.IsCompleted ? "stopped" : "reconnecting",
        ["registrations"] = Registrations,
        ["capacity"] = Capacity,
        ["tasksInFlight"] = Active,
        ["tasksDone"] = Completed,
        ["tasksFailed"] = Failed,
        ["lastError"] = LastError,
    };

    private void UpdateGauges()
    {
        Metrics.Connected.Set(Connected ? 1 : 0);
        Metrics.TasksInFlight.Set(Active);
        Metrics.Capacity.Set(Capacity);
    }

    /// <summary>Disconnects, abandons tasks in flight and releases the connections.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        await _stop.CancelAsync();
        try { await _loop; }
        catch (RpcException) { }
        Task[] work;
        lock (_gate) work = [.. _work];
        try { await Task.WhenAll(work); }
        catch (OperationCanceledException) { }
        _channel.Dispose();
        _http.Dispose();
        _stop.Dispose();
    }
}
