using System.Buffers;
using System.Buffers.Binary;
using System.IO.Pipelines;
using System.Net;
using Livepeer.Media.Amf;
using Microsoft.Extensions.Logging;

namespace Livepeer.Media.Rtmp;

/// <summary>
/// One publisher connection: handshake, chunk reassembly, control messages, AMF0 commands and media dispatch to the
/// accepted <see cref="IRtmpPublishSession"/>s. Works on any duplex pipe so tests can drive it without sockets.
/// </summary>
public sealed class RtmpConnection
{
    private const int ControlChunkStream = 2;
    private const int CommandChunkStream = 3;
    private const int StatusChunkStream = 5;

    private readonly PipeReader _input;
    private readonly PipeWriter _output;
    private readonly RtmpServerOptions _options;
    private readonly IRtmpPublishHandler _handler;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly EndPoint? _remote;
    private readonly RtmpChunkReader _reader;
    private readonly RtmpChunkWriter _writer = new();
    private readonly Dictionary<uint, IRtmpPublishSession> _sessions = [];
    private readonly HashSet<uint> _createdStreams = [];
    private string _app = "";
    private string? _tcUrl;
    private bool _connected;
    private uint _nextStreamId = 1;
    private long _bytesReceived;
    private long _lastAcknowledged;
    private long _peerWindow;
    private bool _closing;

    /// <summary>Creates a connection over a duplex pipe.</summary>
    public RtmpConnection(long id, PipeReader input, PipeWriter output, EndPoint? remote, RtmpServerOptions options, IRtmpPublishHandler handler, ILogger logger, TimeProvider timeProvider,
        RtmpMemoryBudget? budget = null)
    {
        Id = id;
        _input = input;
        _output = output;
        _remote = remote;
        _options = options;
        _handler = handler;
        _logger = logger;
        _time = timeProvider;
        _reader = new RtmpChunkReader(options.MaxMessageSize, options.MaxChunkStreams, options.MaxChunkSize, options.MaxBufferedBytesPerConnection, budget);
    }

    /// <summary>Server-local connection id.</summary>
    public long Id { get; }

    /// <summary>Runs the connection until the peer leaves, breaks the protocol, idles out or <paramref name="cancellationToken"/> fires.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(Timeout.InfiniteTimeSpan, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var ct = linked.Token;
        Exception? failure = null;
        try
        {
            timeout.CancelAfter(_options.HandshakeTimeout);
            var random = _options.RandomSeed is { } seed ? new Random(seed) : Random.Shared;
            await RtmpHandshake.ServerAsync(_input, _output, random, ct).ConfigureAwait(false);
            var windowStart = _time.GetTimestamp();
            var windowBytes = _bytesReceived;
            while (!_closing)
            {
                // Minimum data rate, checked whenever bytes arrive: a peer trickling a byte now and then is cut (the idle
                // timeout catches one that sends nothing at all).
                if (_time.GetElapsedTime(windowStart) is var window && window >= _options.MinDataRateWindow)
                {
                    var sent = _bytesReceived - windowBytes;
                    if (sent < _options.MinDataRate * window.TotalSeconds)
                        throw new RtmpProtocolException($"The peer sent {sent} bytes in {window.TotalSeconds:0.#} s; the minimum is {_options.MinDataRate} bytes/s.");
                    (windowStart, windowBytes) = (_time.GetTimestamp(), _bytesReceived);
                }
                timeout.CancelAfter(_options.IdleTimeout);
                var result = await _input.ReadAsync(ct).ConfigureAwait(false);
                var buffer = result.Buffer;
                var before = buffer.Length;
                try
                {
                    while (!_closing && _reader.TryReadMessage(ref buffer, out var message))
                    {
                        await HandleMessageAsync(message, ct).ConfigureAwait(false);
                    }
                }
                finally
                {
                    _bytesReceived += before - buffer.Length;
                    _input.AdvanceTo(buffer.Start, buffer.End);
                }
                await AcknowledgeAsync(ct).ConfigureAwait(false);
                if (result.IsCompleted) break;
            }
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            failure = new TimeoutException($"RTMP connection {Id} from {_remote} timed out (no data).");
            _logger.LogWarning("RTMP connection {Id} from {Remote} timed out", Id, _remote);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            failure = new OperationCanceledException("RTMP server stopping.");
        }
        catch (Exception ex) when (ex is RtmpProtocolException or FormatException or IOException or NotSupportedException or InvalidDataException)
        {
            failure = ex;
            _logger.LogWarning("RTMP connection {Id} from {Remote} closed: {Error}", Id, _remote, ex.Message);
        }
        catch (Exception ex)
        {
            failure = ex;
            _logger.LogError(ex, "RTMP connection {Id} from {Remote} failed", Id, _remote);
        }
        finally
        {
            foreach (var (_, session) in _sessions) await EndSessionQuietly(session, failure).ConfigureAwait(false);
            _sessions.Clear();
            _reader.Release();
            await _input.CompleteAsync().ConfigureAwait(false);
            try
            {
                await _output.CompleteAsync().ConfigureAwait(false);
            }
            catch (IOException)
            {
                // The peer is gone; nothing left to flush to.
            }
        }
    }

    private async ValueTask EndSessionQuietly(IRtmpPublishSession session, Exception? error)
    {
        try
        {
            await session.EndAsync(error).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "RTMP connection {Id}: ending a publish session failed", Id);
        }
    }

    private async ValueTask HandleMessageAsync(RtmpMessage message, CancellationToken ct)
    {
        var payload = message.Payload.Span;
        switch (message.Type)
        {
            case RtmpMessageType.SetChunkSize:
                {
                    RequireLength(message, 4);
                    var size = BinaryPrimitives.ReadUInt32BigEndian(payload) & 0x7FFFFFFF;
                    _reader.ChunkSize = (int)Math.Min(size, int.MaxValue);
                    break;
                }
            case RtmpMessageType.Abort:
                RequireLength(message, 4);
                _reader.Abort((int)BinaryPrimitives.ReadUInt32BigEndian(payload));
                break;
            case RtmpMessageType.Acknowledgement:
            case RtmpMessageType.SetPeerBandwidth:
                break;
            case RtmpMessageType.WindowAcknowledgementSize:
                RequireLength(message, 4);
                _peerWindow = BinaryPrimitives.ReadUInt32BigEndian(payload);
                break;
            case RtmpMessageType.UserControl:
                if (payload.Length >= 6 && BinaryPrimitives.ReadUInt16BigEndian(payload) == 6)
                {
                    // PingRequest -> PingResponse with the same timestamp.
                    var pong = new byte[6];
                    BinaryPrimitives.WriteUInt16BigEndian(pong, 7);
                    payload.Slice(2, 4).CopyTo(pong.AsSpan(2));
                    await SendAsync(ControlChunkStream, new RtmpMessage(RtmpMessageType.UserControl, 0, 0, pong), ct).ConfigureAwait(false);
                }
                break;
            case RtmpMessageType.CommandAmf0:
                await HandleCommandAsync(message, Amf0Reader.ReadAll(payload), ct).ConfigureAwait(false);
                break;
            case RtmpMessageType.CommandAmf3:
                // AMF3 command messages start with a format byte and then carry AMF0 values.
                await HandleCommandAsync(message, Amf0Reader.ReadAll(payload.Length > 0 ? payload[1..] : payload), ct).ConfigureAwait(false);
                break;
            case RtmpMessageType.DataAmf0:
            case RtmpMessageType.DataAmf3:
                await HandleDataAsync(message, ct).ConfigureAwait(false);
                break;
            case RtmpMessageType.Audio:
                if (message.Payload.Length > 0 && _sessions.TryGetValue(message.StreamId, out var audioSession))
                    await audioSession.OnAudioAsync(message.Timestamp, message.Payload, ct).ConfigureAwait(false);
                break;
            case RtmpMessageType.Video:
                if (message.Payload.Length > 0 && _sessions.TryGetValue(message.StreamId, out var videoSession))
                    await videoSession.OnVideoAsync(message.Timestamp, message.Payload, ct).ConfigureAwait(false);
                break;
            case RtmpMessageType.Aggregate:
                await HandleAggregateAsync(message, ct).ConfigureAwait(false);
                break;
            default:
                _logger.LogDebug("RTMP connection {Id}: ignoring message type {Type}", Id, (int)message.Type);
                break;
        }
    }

    private async ValueTask HandleAggregateAsync(RtmpMessage message, CancellationToken ct)
    {
        // An aggregate is a run of FLV tags; the first tag's timestamp maps onto the message timestamp.
        var data = message.Payload;
        var pos = 0;
        long? baseTs = null;
        while (data.Length - pos >= 11)
        {
            var h = data.Span.Slice(pos, 11);
            var type = (RtmpMessageType)(h[0] & 0x1F);
            var size = (h[1] << 16) | (h[2] << 8) | h[3];
            var ts = (uint)((h[7] << 24) | (h[4] << 16) | (h[5] << 8) | h[6]);
            if (data.Length - pos - 11 < size) throw new RtmpProtocolException("Aggregate message sub-tag runs past the message end.");
            baseTs ??= ts;
            var body = data.Slice(pos + 11, size);
            var adjusted = (uint)(message.Timestamp + (ts - baseTs.Value));
            if (type is RtmpMessageType.Audio or RtmpMessageType.Video)
                await HandleMessageAsync(new RtmpMessage(type, message.StreamId, adjusted, body, message.ChunkStreamId), ct).ConfigureAwait(false);
            pos += 11 + size + 4;
        }
    }

    private async ValueTask HandleDataAsync(RtmpMessage message, CancellationToken ct)
    {
        var span = message.Payload.Span;
        if (message.Type == RtmpMessageType.DataAmf3 && span.Length > 0) span = span[1..];
        var values = Amf0Reader.ReadAll(span);
        if (values.Count == 0 || values[0] is not string name) return;
        AmfObject? metadata = null;
        if (name == "@setDataFrame" && values.Count >= 3 && values[1] is "onMetaData") metadata = values[2] as AmfObject;
        else if (name == "onMetaData" && values.Count >= 2) metadata = values[1] as AmfObject;
        if (metadata is not null && _sessions.TryGetValue(message.StreamId, out var session))
            await session.OnMetaDataAsync(metadata, ct).ConfigureAwait(false);
    }

    private async ValueTask HandleCommandAsync(RtmpMessage message, List<object?> values, CancellationToken ct)
    {
        if (values.Count < 2 || values[0] is not string command || values[1] is not double transaction)
            throw new RtmpProtocolException("Command message does not start with a command name and a transaction id.");
        switch (command)
        {
            case "connect":
                {
                    var obj = values.Count > 2 ? values[2] as AmfObject : null;
                    _app = (obj?.GetString("app") ?? "").Trim('/');
                    _tcUrl = obj?.GetString("tcUrl");
                    _connected = true;
                    await SendControlAsync(RtmpMessageType.WindowAcknowledgementSize, (uint)_options.WindowAcknowledgementSize, null, ct).ConfigureAwait(false);
                    await SendControlAsync(RtmpMessageType.SetPeerBandwidth, (uint)_options.PeerBandwidth, 2, ct).ConfigureAwait(false);
                    await SendControlAsync(RtmpMessageType.SetChunkSize, (uint)_options.OutgoingChunkSize, null, ct).ConfigureAwait(false);
                    _writer.ChunkSize = _options.OutgoingChunkSize;
                    var properties = new AmfObject { { "fmsVer", "FMS/3,0,1,123" }, { "capabilities", 31.0 } };
                    var information = new AmfObject
                    {
                        { "level", "status" },
                        { "code", "NetConnection.Connect.Success" },
                        { "description", "Connection succeeded." },
                        { "objectEncoding", 0.0 },
                    };
                    await SendCommandAsync(0, "_result", transaction, properties, information, ct).ConfigureAwait(false);
                    _logger.LogDebug("RTMP connection {Id}: connect app={App}", Id, _app);
                    break;
                }
            case "releaseStream":
            case "FCPublish":
            case "FCUnpublish":
                if (command == "FCUnpublish") await UnpublishAsync(message.StreamId, ct).ConfigureAwait(false);
                if (transaction != 0) await SendCommandAsync(0, "_result", transaction, null, AmfUndefined.Value, ct).ConfigureAwait(false);
                break;
            case "createStream":
                {
                    RequireConnected(command);
                    if (_createdStreams.Count >= 16) throw new RtmpProtocolException("Peer created more than 16 streams on one connection.");
                    var id = _nextStreamId++;
                    _createdStreams.Add(id);
                    await SendCommandAsync(0, "_result", transaction, null, (double)id, ct).ConfigureAwait(false);
                    break;
                }
            case "publish":
                RequireConnected(command);
                await PublishAsync(message.StreamId, values.Count > 3 ? values[3] as string : null, ct).ConfigureAwait(false);
                break;
            case "deleteStream":
                {
                    var id = values.Count > 3 && values[3] is double d ? (uint)d : message.StreamId;
                    await UnpublishAsync(id, ct).ConfigureAwait(false);
                    _createdStreams.Remove(id);
                    break;
                }
            case "closeStream":
                await UnpublishAsync(message.StreamId, ct).ConfigureAwait(false);
                break;
            case "play":
                await SendStatusAsync(message.StreamId, "error", "NetStream.Play.Failed", "This server only accepts publishers.", ct).ConfigureAwait(false);
                _closing = true;
                break;
            default:
                _logger.LogDebug("RTMP connection {Id}: ignoring command {Command}", Id, command);
                if (transaction != 0)
                {
                    var error = new AmfObject { { "level", "error" }, { "code", "NetConnection.Call.Failed" }, { "description", $"Unknown command {command}." } };
                    await SendCommandAsync(0, "_error", transaction, null, error, ct).ConfigureAwait(false);
                }
                break;
        }
    }

    private async ValueTask PublishAsync(uint streamId, string? name, CancellationToken ct)
    {
        if (streamId == 0 || !_createdStreams.Contains(streamId))
            throw new RtmpProtocolException($"publish on message stream {streamId}, which was not created with createStream.");
        if (_sessions.ContainsKey(streamId))
            throw new RtmpProtocolException($"publish twice on message stream {streamId}.");
        if (string.IsNullOrWhiteSpace(name))
        {
            await RefuseAsync(streamId, "A stream key is required: publish to rtmp://host:port/app/KEY.", ct).ConfigureAwait(false);
            return;
        }
        string? query = null;
        var q = name.IndexOf('?', StringComparison.Ordinal);
        if (q >= 0)
        {
            query = name[(q + 1)..];
            name = name[..q];
        }
        var request = new RtmpPublishRequest(_app, name, query, _tcUrl, _remote, Id);
        var decision = await _handler.PublishAsync(request, ct).ConfigureAwait(false);
        if (decision.Session is null)
        {
            await RefuseAsync(streamId, decision.RefusalReason ?? "Publishing refused.", ct).ConfigureAwait(false);
            return;
        }
        _sessions[streamId] = decision.Session;
        var begin = new byte[6];
        BinaryPrimitives.WriteUInt32BigEndian(begin.AsSpan(2), streamId); // event 0 = StreamBegin
        await SendAsync(ControlChunkStream, new RtmpMessage(RtmpMessageType.UserControl, 0, 0, begin), ct).ConfigureAwait(false);
        await SendStatusAsync(streamId, "status", "NetStream.Publish.Start", $"{name} is now published.", ct).ConfigureAwait(false);
        _logger.LogInformation("RTMP connection {Id} from {Remote} publishing {App}/{Key}", Id, _remote, _app, name);
    }

    private async ValueTask RefuseAsync(uint streamId, string reason, CancellationToken ct)
    {
        _logger.LogWarning("RTMP connection {Id} from {Remote}: publish refused: {Reason}", Id, _remote, reason);
        await SendStatusAsync(streamId, "error", "NetStream.Publish.BadName", reason, ct).ConfigureAwait(false);
        _closing = true;
    }

    private async ValueTask UnpublishAsync(uint streamId, CancellationToken ct)
    {
        if (!_sessions.Remove(streamId, out var session)) return;
        await EndSessionQuietly(session, null).ConfigureAwait(false);
        try
        {
            await SendStatusAsync(streamId, "status", "NetStream.Unpublish.Success", "Stream unpublished.", ct).ConfigureAwait(false);
        }
        catch (IOException)
        {
            // ffmpeg closes right after deleteStream; the stream has ended either way.
            _closing = true;
        }
    }

    private void RequireConnected(string command)
    {
        if (!_connected) throw new RtmpProtocolException($"{command} before connect.");
    }

    private static void RequireLength(in RtmpMessage message, int length)
    {
        if (message.Payload.Length < length)
            throw new RtmpProtocolException($"{message.Type} message of {message.Payload.Length} bytes is shorter than {length}.");
    }

    private async ValueTask AcknowledgeAsync(CancellationToken ct)
    {
        if (_peerWindow <= 0 || _bytesReceived - _lastAcknowledged < _peerWindow) return;
        _lastAcknowledged = _bytesReceived;
        var ack = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(ack, (uint)_bytesReceived); // sequence number wraps at 2^32
        await SendAsync(ControlChunkStream, new RtmpMessage(RtmpMessageType.Acknowledgement, 0, 0, ack), ct).ConfigureAwait(false);
    }

    private ValueTask SendControlAsync(RtmpMessageType type, uint value, byte? limitType, CancellationToken ct)
    {
        var payload = new byte[limitType is null ? 4 : 5];
        BinaryPrimitives.WriteUInt32BigEndian(payload, value);
        if (limitType is { } l) payload[4] = l;
        return SendAsync(ControlChunkStream, new RtmpMessage(type, 0, 0, payload), ct);
    }

    private ValueTask SendCommandAsync(uint streamId, string name, double transaction, object? commandObject, object? argument, CancellationToken ct) =>
        SendAsync(CommandChunkStream, new RtmpMessage(RtmpMessageType.CommandAmf0, streamId, 0, Amf0Writer.Encode(name, transaction, commandObject, argument)), ct);

    private ValueTask SendStatusAsync(uint streamId, string level, string code, string description, CancellationToken ct)
    {
        var info = new AmfObject { { "level", level }, { "code", code }, { "description", description } };
        return SendAsync(StatusChunkStream, new RtmpMessage(RtmpMessageType.CommandAmf0, streamId, 0, Amf0Writer.Encode("onStatus", 0.0, null, info)), ct);
    }

    private async ValueTask SendAsync(int chunkStreamId, RtmpMessage message, CancellationToken ct)
    {
        _writer.Write(_output, chunkStreamId, message);
        await _output.FlushAsync(ct).ConfigureAwait(false);
    }
}
