using System.IO.Pipelines;
using System.Net;
using Livepeer.Media.Amf;
using Livepeer.Media.Rtmp.Messages;
using Livepeer.Media.Rtmp.Protocol;
using Microsoft.Extensions.Logging;

namespace Livepeer.Media.Rtmp;

/// <summary>
/// One publisher connection, the server side of the protocol: after the handshake, a small state machine (awaiting connect,
/// connected, closing) over typed messages (<see cref="RtmpMessages"/>) that answers commands and hands media to the
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
    private uint _nextStreamId = 1;
    private long _bytesReceived;
    private long _lastAcknowledged;
    private long _peerWindow;
    private RtmpConnectionState _state = RtmpConnectionState.AwaitingConnect;

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
            while (_state != RtmpConnectionState.Closing)
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
                    while (_state != RtmpConnectionState.Closing && _reader.TryReadMessage(ref buffer, out var message))
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
            _logger.TimedOut(Id, _remote);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            failure = new OperationCanceledException("RTMP server stopping.");
        }
        catch (Exception ex) when (ex is RtmpProtocolException or FormatException or IOException or NotSupportedException or InvalidDataException)
        {
            failure = ex;
            _logger.Closed(Id, _remote, ex.Message);
        }
        catch (Exception ex)
        {
            failure = ex;
            _logger.Failed(ex, Id, _remote);
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
            _logger.EndingSessionFailed(ex, Id);
        }
    }

    // The message layer: each typed message changes the connection's state or is answered; nothing else reads payloads.
    private async ValueTask HandleMessageAsync(RtmpMessage message, CancellationToken ct)
    {
        var body = RtmpMessages.Parse(message);
        switch (body)
        {
            case SetChunkSizeMessage m:
                _reader.ChunkSize = m.Size;
                break;
            case AbortMessage m:
                _reader.Abort((int)m.ChunkStreamId);
                break;
            case AcknowledgementMessage or SetPeerBandwidthMessage:
                // We send at our own pace; a publisher's window on us changes nothing.
                break;
            case WindowAcknowledgementSizeMessage m:
                _peerWindow = m.Size;
                break;
            case UserControlMessage m:
                await HandleUserControlAsync(m, ct).ConfigureAwait(false);
                break;
            case RtmpCommand command:
                await HandleCommandAsync(message.StreamId, command, ct).ConfigureAwait(false);
                break;
            case DataMessage m:
                if (m.Metadata is { } metadata && _sessions.TryGetValue(message.StreamId, out var metaSession))
                    await metaSession.OnMetaDataAsync(metadata, ct).ConfigureAwait(false);
                break;
            case AudioMessage m:
                if (m.Body.Length > 0 && _sessions.TryGetValue(message.StreamId, out var audioSession))
                    await audioSession.OnAudioAsync(message.Timestamp, m.Body, ct).ConfigureAwait(false);
                break;
            case VideoMessage m:
                if (m.Body.Length > 0 && _sessions.TryGetValue(message.StreamId, out var videoSession))
                    await videoSession.OnVideoAsync(message.Timestamp, m.Body, ct).ConfigureAwait(false);
                break;
            case AggregateMessage m:
                foreach (var part in m.Parts(message)) await HandleMessageAsync(part, ct).ConfigureAwait(false);
                break;
            case IgnoredMessage m:
                _logger.IgnoringMessage(Id, (int)m.Type);
                break;
            default:
                throw new InvalidOperationException($"RTMP connection {Id} has no handler for {body.GetType().Name}.");
        }
    }

    private ValueTask HandleUserControlAsync(UserControlMessage message, CancellationToken ct)
    {
        switch (message.Event)
        {
            case UserControlEvent.PingRequest:
                return SendAsync(ControlChunkStream, new UserControlMessage(UserControlEvent.PingResponse, message.Value), 0, ct);
            case UserControlEvent.StreamBegin:
            case UserControlEvent.StreamEof:
            case UserControlEvent.StreamDry:
            case UserControlEvent.SetBufferLength:
            case UserControlEvent.StreamIsRecorded:
            case UserControlEvent.PingResponse:
                // Player-side events: nothing for a publish-only server to do.
                return ValueTask.CompletedTask;
            default:
                _logger.IgnoringUserControl(Id, (int)message.Event);
                return ValueTask.CompletedTask;
        }
    }

    private async ValueTask HandleCommandAsync(uint streamId, RtmpCommand command, CancellationToken ct)
    {
        switch (command)
        {
            case ConnectCommand connect:
                await ConnectAsync(connect, ct).ConfigureAwait(false);
                break;
            case ReleaseStreamCommand or FCPublishCommand:
                await AnswerEmptyAsync(command.Transaction, ct).ConfigureAwait(false);
                break;
            case FCUnpublishCommand:
                await UnpublishAsync(streamId, ct).ConfigureAwait(false);
                await AnswerEmptyAsync(command.Transaction, ct).ConfigureAwait(false);
                break;
            case CreateStreamCommand:
                {
                    RequireConnected(command);
                    if (_createdStreams.Count >= 16) throw new RtmpProtocolException("Peer created more than 16 streams on one connection.");
                    var id = _nextStreamId++;
                    _createdStreams.Add(id);
                    await SendAsync(CommandChunkStream, new ResultCommand(command.Transaction, null, (double)id), 0, ct).ConfigureAwait(false);
                    break;
                }
            case PublishCommand publish:
                RequireConnected(command);
                await PublishAsync(streamId, publish.StreamName, ct).ConfigureAwait(false);
                break;
            case DeleteStreamCommand delete:
                {
                    var id = delete.StreamId is { } d ? (uint)d : streamId;
                    await UnpublishAsync(id, ct).ConfigureAwait(false);
                    _createdStreams.Remove(id);
                    break;
                }
            case CloseStreamCommand:
                await UnpublishAsync(streamId, ct).ConfigureAwait(false);
                break;
            case PlayCommand:
                await SendStatusAsync(streamId, "error", "NetStream.Play.Failed", "This server only accepts publishers.", ct).ConfigureAwait(false);
                _state = RtmpConnectionState.Closing;
                break;
            case UnknownCommand or ResultCommand or ErrorCommand or OnStatusCommand:
                // A publisher has no business answering us; like any command we do not know, it is refused if it wants an answer.
                _logger.IgnoringCommand(Id, command.Name);
                if (command.Transaction != 0)
                {
                    var error = new AmfObject { { "level", "error" }, { "code", "NetConnection.Call.Failed" }, { "description", $"Unknown command {command.Name}." } };
                    await SendAsync(CommandChunkStream, new ErrorCommand(command.Transaction, null, error), 0, ct).ConfigureAwait(false);
                }
                break;
            default:
                throw new InvalidOperationException($"RTMP connection {Id} has no handler for the {command.Name} command ({command.GetType().Name}).");
        }
    }

    private async ValueTask ConnectAsync(ConnectCommand connect, CancellationToken ct)
    {
        _app = (connect.App ?? "").Trim('/');
        _tcUrl = connect.TcUrl;
        _state = RtmpConnectionState.Connected;
        await SendAsync(ControlChunkStream, new WindowAcknowledgementSizeMessage((uint)_options.WindowAcknowledgementSize), 0, ct).ConfigureAwait(false);
        await SendAsync(ControlChunkStream, new SetPeerBandwidthMessage((uint)_options.PeerBandwidth, PeerBandwidthLimit.Dynamic), 0, ct).ConfigureAwait(false);
        await SendAsync(ControlChunkStream, new SetChunkSizeMessage(_options.OutgoingChunkSize), 0, ct).ConfigureAwait(false);
        _writer.ChunkSize = _options.OutgoingChunkSize;
        var properties = new AmfObject { { "fmsVer", "FMS/3,0,1,123" }, { "capabilities", 31.0 } };
        var information = new AmfObject
        {
            { "level", "status" },
            { "code", "NetConnection.Connect.Success" },
            { "description", "Connection succeeded." },
            { "objectEncoding", 0.0 },
        };
        await SendAsync(CommandChunkStream, new ResultCommand(connect.Transaction, properties, information), 0, ct).ConfigureAwait(false);
        _logger.Connected(Id, _app);
    }

    // FMLE's releaseStream/FCPublish/FCUnpublish want an empty _result when they carry a transaction id.
    private ValueTask AnswerEmptyAsync(double transaction, CancellationToken ct) =>
        transaction != 0 ? SendAsync(CommandChunkStream, new ResultCommand(transaction, null, AmfUndefined.Value), 0, ct) : ValueTask.CompletedTask;

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
        await SendAsync(ControlChunkStream, new UserControlMessage(UserControlEvent.StreamBegin, streamId), 0, ct).ConfigureAwait(false);
        await SendStatusAsync(streamId, "status", "NetStream.Publish.Start", $"{name} is now published.", ct).ConfigureAwait(false);
        _logger.Publishing(Id, _remote, _app, name);
    }

    private async ValueTask RefuseAsync(uint streamId, string reason, CancellationToken ct)
    {
        _logger.PublishRefused(Id, _remote, reason);
        await SendStatusAsync(streamId, "error", "NetStream.Publish.BadName", reason, ct).ConfigureAwait(false);
        _state = RtmpConnectionState.Closing;
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
            _state = RtmpConnectionState.Closing;
        }
    }

    private void RequireConnected(RtmpCommand command)
    {
        if (_state == RtmpConnectionState.AwaitingConnect) throw new RtmpProtocolException($"{command.Name} before connect.");
    }

    private async ValueTask AcknowledgeAsync(CancellationToken ct)
    {
        if (_peerWindow <= 0 || _bytesReceived - _lastAcknowledged < _peerWindow) return;
        _lastAcknowledged = _bytesReceived;
        // The sequence number wraps at 2^32.
        await SendAsync(ControlChunkStream, new AcknowledgementMessage((uint)_bytesReceived), 0, ct).ConfigureAwait(false);
    }

    private ValueTask SendStatusAsync(uint streamId, string level, string code, string description, CancellationToken ct) =>
        SendAsync(StatusChunkStream, OnStatusCommand.Of(level, code, description), streamId, ct);

    private async ValueTask SendAsync(int chunkStreamId, RtmpMessageBody body, uint streamId, CancellationToken ct)
    {
        _writer.Write(_output, chunkStreamId, body.ToMessage(streamId));
        await _output.FlushAsync(ct).ConfigureAwait(false);
    }
}
