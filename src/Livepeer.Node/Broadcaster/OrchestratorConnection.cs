using System.Collections.Concurrent;
using System.Net.Http.Headers;
using Google.Protobuf;
using Grpc.Net.Client;
using Livepeer.Core.Crypto;
using Livepeer.Wire.Auth;
using Livepeer.Wire.Segments;
using Proto = Livepeer.Wire.Messages;

namespace Livepeer.Node.Broadcaster;

/// <summary>A refused or failed exchange with an orchestrator: what went wrong, for suspension and the status page.</summary>
public sealed class OrchestratorCallException(OrchestratorFailure kind, string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>What went wrong; match on this, not on <see cref="Reason"/>.</summary>
    public OrchestratorFailure Kind { get; } = kind;

    /// <summary>The failure's stable label (metrics, status page), e.g. at-capacity, expired-params.</summary>
    public string Reason => OrchestratorFailures.Of(Kind).Label;
}

/// <summary>
/// The broadcaster's transport to orchestrators: gRPC discovery and HTTP segments over TLS. Orchestrator certificates are
/// self-signed; trust comes from the Ethereum address that signs results, checked by the caller.
/// </summary>
public sealed class OrchestratorConnection : IDisposable
{
    private readonly HttpClient _http;
    private readonly SocketsHttpHandler _grpcHandler;
    private readonly ConcurrentDictionary<Uri, GrpcChannel> _channels = new();
    private readonly PrivateKey _key;

    /// <summary>Connections signed by the broadcaster's key.</summary>
    public OrchestratorConnection(PrivateKey key, HttpMessageHandler? handler = null)
    {
        _key = key;
        _http = handler is null ? new HttpClient(NewHandler()) : new HttpClient(handler, disposeHandler: false);
        _http.Timeout = Timeout.InfiniteTimeSpan; // per-segment timeouts below
        _grpcHandler = NewHandler();
    }

    private static SocketsHttpHandler NewHandler() => new()
    {
        SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true },
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(2),
        ConnectTimeout = TimeSpan.FromSeconds(3),
    };

    /// <summary>GetOrchestrator, signed as go-livepeer signs it, with the job's capabilities when given; a refresh for a session
    /// the orchestrator already holds sets <paramref name="ignoreCapacityCheck"/>, as go-livepeer's does, since it takes no new slot.</summary>
    public async Task<Proto.OrchestratorInfo> GetInfoAsync(Uri orchestrator, CancellationToken ct, Proto.Capabilities? job = null, bool ignoreCapacityCheck = false)
    {
        var channel = _channels.GetOrAdd(orchestrator, u => GrpcChannel.ForAddress(u, new GrpcChannelOptions { HttpHandler = _grpcHandler, DisposeHttpClient = false }));
        var request = new Proto.OrchestratorRequest
        {
            Address = ByteString.CopyFrom(_key.Address.Bytes),
            Sig = ByteString.CopyFrom(DiscoverySignature.Sign(_key)),
            Capabilities = job,
            IgnoreCapacityCheck = ignoreCapacityCheck,
        };
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(5));
            return await new Proto.Orchestrator.OrchestratorClient(channel).GetOrchestratorAsync(request, cancellationToken: timeout.Token);
        }
        catch (Grpc.Core.RpcException e)
        {
            var reason = e.StatusCode switch
            {
                Grpc.Core.StatusCode.ResourceExhausted => OrchestratorFailure.AtCapacity,
                Grpc.Core.StatusCode.Unavailable => OrchestratorFailure.Unreachable,
                Grpc.Core.StatusCode.DeadlineExceeded or Grpc.Core.StatusCode.Cancelled when !ct.IsCancellationRequested => OrchestratorFailure.Timeout,
                _ => OrchestratorFailure.Refused, // any other gRPC status is the orchestrator's answer
            };
            throw new OrchestratorCallException(reason, $"GetOrchestrator at {orchestrator} ({e.StatusCode}): {e.Status.Detail}", e);
        }
    }

    /// <summary>
    /// EndTranscodingSession with the session's auth token, as go-livepeer's broadcaster calls it when a stream ends, so the
    /// orchestrator frees the session (and tells its transcoders) at once instead of after its idle timeout.
    /// </summary>
    public async Task EndSessionAsync(Uri orchestrator, Proto.AuthToken token, CancellationToken ct)
    {
        var channel = _channels.GetOrAdd(orchestrator, u => GrpcChannel.ForAddress(u, new GrpcChannelOptions { HttpHandler = _grpcHandler, DisposeHttpClient = false }));
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(5));
            await new Proto.Orchestrator.OrchestratorClient(channel).EndTranscodingSessionAsync(new Proto.EndTranscodingSessionRequest { AuthToken = token }, cancellationToken: timeout.Token);
        }
        catch (Grpc.Core.RpcException e)
        {
            throw new OrchestratorCallException(OrchestratorFailure.Unreachable, $"EndTranscodingSession at {orchestrator}: {e.Status.Detail}", e);
        }
    }

    /// <summary>POSTs a segment with its SegData and payment; returns the TranscodeResult or throws <see cref="OrchestratorCallException"/>.</summary>
    public async Task<Proto.TranscodeResult> SendSegmentAsync(Uri transcoder, Proto.SegData seg, Proto.Payment payment, byte[] body, TimeSpan duration, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(transcoder.ToString().TrimEnd('/') + SegmentHeaders.SegmentPath)) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(SegmentHeaders.MediaTypeMpegTs);
        request.Headers.Add(SegmentHeaders.Segment, HeaderCodec.Encode(seg));
        request.Headers.TryAddWithoutValidation(SegmentHeaders.Payment, HeaderCodec.Encode(payment)); // "" for an empty (off-chain) payment, as go
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(SegmentTimeouts.Request(duration));
        try
        {
            using var response = await _http.SendAsync(request, timeout.Token);
            var bytes = await response.Content.ReadAsByteArrayAsync(timeout.Token);
            if (!response.IsSuccessStatusCode)
            {
                var text = System.Text.Encoding.UTF8.GetString(bytes);
                var reason = ReasonFor((int)response.StatusCode, text);
                throw new OrchestratorCallException(reason, $"{transcoder} answered {(int)response.StatusCode}: {text}");
            }
            var result = Proto.TranscodeResult.Parser.ParseFrom(bytes);
            if (result.ResultCase == Proto.TranscodeResult.ResultOneofCase.Error) throw new OrchestratorCallException(OrchestratorFailure.TranscodeError, $"{transcoder}: {result.Error}");
            return result;
        }
        catch (OperationCanceledException e) when (!ct.IsCancellationRequested)
        {
            throw new OrchestratorCallException(OrchestratorFailure.Timeout, $"{transcoder} did not answer within {SegmentTimeouts.Request(duration).TotalSeconds} s.", e);
        }
        catch (HttpRequestException e)
        {
            throw new OrchestratorCallException(OrchestratorFailure.Unreachable, $"{transcoder}: {e.Message}", e);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new OrchestratorCallException(OrchestratorFailure.Refused, $"{transcoder} sent a body that is not a TranscodeResult.", e);
        }
    }

    /// <summary>
    /// What a refusal means, for go-livepeer's orchestrators (400 "TicketParams expired" → new parameters, 400 payment
    /// errors, 403 "OrchestratorCapped") and this project's older ones (402 "ExpiredParams…", 503 at capacity).
    /// </summary>
    public static OrchestratorFailure ReasonFor(int status, string text) => status switch
    {
        400 or 402 when text.Contains("TicketParams expired", StringComparison.Ordinal) || text.StartsWith("ExpiredParams", StringComparison.Ordinal) => OrchestratorFailure.ExpiredParams,
        400 or 402 => OrchestratorFailure.Payment,
        403 when text.StartsWith("OrchestratorCapped", StringComparison.Ordinal) => OrchestratorFailure.AtCapacity,
        403 when text.StartsWith("incompatible capabilities", StringComparison.Ordinal) => OrchestratorFailure.Incompatible,
        503 => OrchestratorFailure.AtCapacity,
        _ => OrchestratorFailure.Refused,
    };

    /// <summary>Downloads a rendition from the URL the orchestrator gave.</summary>
    public async Task<byte[]> DownloadAsync(string url, CancellationToken ct)
    {
        try { return await _http.GetByteArrayAsync(url, ct); }
        catch (HttpRequestException e) { throw new OrchestratorCallException(OrchestratorFailure.Unreachable, $"Downloading {url}: {e.Message}", e); }
    }

    /// <summary>Closes the connections.</summary>
    public void Dispose()
    {
        foreach (var c in _channels.Values) c.Dispose();
        _http.Dispose();
        _grpcHandler.Dispose();
    }
}
