using System.IO.Pipelines;
using System.Net.Sockets;
using Livepeer.Media.Amf;
using Livepeer.Media.Flv;
using Livepeer.Media.Rtmp.Messages;
using Livepeer.Media.Rtmp.Protocol;

namespace Livepeer.Media.Rtmp;

/// <summary>
/// A minimal RTMP publishing client (handshake, connect, createStream, publish, then audio/video/data messages), used by
/// the load generator and by tests that need to send streams ffmpeg cannot produce. Sends are not thread-safe.
/// </summary>
public sealed class RtmpPublisher : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly PipeReader _input;
    private readonly PipeWriter _output;
    private readonly RtmpChunkReader _reader = new();
    private readonly RtmpChunkWriter _writer = new();
    private readonly CancellationTokenSource _closing = new();
    private Task? _drain;
    private uint _streamId;
    private double _transaction;

    private RtmpPublisher(Socket socket)
    {
        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: true);
        _input = PipeReader.Create(_stream, new StreamPipeReaderOptions(leaveOpen: true));
        _output = PipeWriter.Create(_stream, new StreamPipeWriterOptions(leaveOpen: true));
    }

    /// <summary>Connects to rtmp://host:port/app and publishes <paramref name="streamKey"/>; throws <see cref="RtmpStatusException"/> if refused.</summary>
    public static async Task<RtmpPublisher> ConnectAsync(string host, int port, string app, string streamKey, CancellationToken cancellationToken, int chunkSize = 4096)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(host, port, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
        var publisher = new RtmpPublisher(socket);
        try
        {
            await RtmpHandshake.ClientAsync(publisher._input, publisher._output, Random.Shared, cancellationToken).ConfigureAwait(false);
            await publisher.SendAsync(2, new SetChunkSizeMessage(chunkSize).ToMessage(), cancellationToken).ConfigureAwait(false);
            publisher._writer.ChunkSize = chunkSize;
            var connect = new AmfObject
            {
                { "app", app },
                { "type", "nonprivate" },
                { "flashVer", "FMLE/3.0 (compatible; Livepeer)" },
                { "tcUrl", $"rtmp://{host}:{port}/{app}" },
            };
            await publisher.CommandAsync(0, t => new ConnectCommand(t, connect), cancellationToken).ConfigureAwait(false);
            await publisher.ExpectAsync(cancellationToken).ConfigureAwait(false);
            await publisher.CommandAsync(0, t => new ReleaseStreamCommand(t, streamKey), cancellationToken).ConfigureAwait(false);
            await publisher.CommandAsync(0, t => new FCPublishCommand(t, streamKey), cancellationToken).ConfigureAwait(false);
            var createTxn = await publisher.CommandAsync(0, t => new CreateStreamCommand(t), cancellationToken).ConfigureAwait(false);
            while (true)
            {
                if (await publisher.ExpectAsync(cancellationToken).ConfigureAwait(false) is ResultCommand { Information: double id } created && created.Transaction == createTxn)
                {
                    publisher._streamId = (uint)id;
                    break;
                }
            }
            await publisher.CommandAsync(publisher._streamId, t => new PublishCommand(t, streamKey, "live"), cancellationToken).ConfigureAwait(false);
            while (true)
            {
                if (await publisher.ExpectAsync(cancellationToken).ConfigureAwait(false) is OnStatusCommand { Info: not null } status)
                {
                    var code = status.Code ?? "";
                    if (code != "NetStream.Publish.Start") throw new RtmpStatusException(code, status.Description);
                    break;
                }
            }
            publisher._drain = Task.Run(() => publisher.DrainAsync(publisher._closing.Token));
            return publisher;
        }
        catch
        {
            await publisher.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The message stream id the server gave us.</summary>
    public uint StreamId => _streamId;

    /// <summary>Sends @setDataFrame onMetaData.</summary>
    public ValueTask SendMetaDataAsync(AmfObject metadata, CancellationToken cancellationToken) =>
        SendAsync(4, DataMessage.SetDataFrame(metadata).ToMessage(_streamId), cancellationToken);

    /// <summary>Sends an FLV tag as the matching RTMP message (audio on chunk stream 4, video on 6, data on 4).</summary>
    public ValueTask SendTagAsync(FlvTag tag, CancellationToken cancellationToken)
    {
        var csid = tag.Type == FlvTagType.Video ? 6 : 4;
        return SendAsync(csid, new RtmpMessage((RtmpMessageType)tag.Type, _streamId, tag.Timestamp, tag.Data), cancellationToken);
    }

    /// <summary>Sends a raw message on a chunk stream.</summary>
    public async ValueTask SendAsync(int chunkStreamId, RtmpMessage message, CancellationToken cancellationToken)
    {
        _writer.Write(_output, chunkStreamId, message);
        var flush = await _output.FlushAsync(cancellationToken).ConfigureAwait(false);
        if (flush.IsCompleted) throw new IOException("The RTMP server closed the connection.");
    }

    /// <summary>Unpublishes (FCUnpublish + deleteStream) and closes.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_closing.IsCancellationRequested) return;
        if (_streamId != 0 && _drain is not null)
        {
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await CommandAsync(0, t => new FCUnpublishCommand(t, ""), timeout.Token).ConfigureAwait(false);
                await CommandAsync(0, t => new DeleteStreamCommand(t, _streamId), timeout.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or OperationCanceledException or SocketException or InvalidOperationException)
            {
                // The server is gone already; closing is all that is left.
            }
        }
        _closing.Cancel();
        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (SocketException)
        {
            // Already reset by the server.
        }
        if (_drain is not null)
        {
            try
            {
                await _drain.ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or OperationCanceledException or SocketException or RtmpProtocolException)
            {
                // Closing.
            }
        }
        await _input.CompleteAsync().ConfigureAwait(false);
        try
        {
            await _output.CompleteAsync().ConfigureAwait(false);
        }
        catch (IOException)
        {
            // Unsent bytes have nowhere to go once the server has closed.
        }
        await _stream.DisposeAsync().ConfigureAwait(false);
        _closing.Dispose();
    }

    // Sends the command made with the next transaction id, and returns that id.
    private async ValueTask<double> CommandAsync(uint streamId, Func<double, RtmpCommand> command, CancellationToken cancellationToken)
    {
        var txn = ++_transaction;
        await SendAsync(3, command(txn).ToMessage(streamId), cancellationToken).ConfigureAwait(false);
        return txn;
    }

    // The next command from the server; an _error or an error status is thrown as RtmpStatusException.
    private async Task<RtmpCommand> ExpectAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var message = await ReadMessageAsync(cancellationToken).ConfigureAwait(false);
            if (message.Type != RtmpMessageType.CommandAmf0) continue;
            var command = RtmpCommand.Parse(message.Payload.Span);
            if (command is ErrorCommand { Information: AmfObject } error) throw new RtmpStatusException(error.Code ?? "_error", error.Description);
            if (command is OnStatusCommand { Info: not null, Level: "error" } status) throw new RtmpStatusException(status.Code ?? "error", status.Description);
            return command;
        }
    }

    private async Task DrainAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested) await ReadMessageAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<RtmpMessage> ReadMessageAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await _input.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            var got = _reader.TryReadMessage(ref buffer, out var message);
            if (got)
            {
                // Leave the rest unexamined: it may already hold the next message.
                _input.AdvanceTo(buffer.Start);
                if (message.Type == RtmpMessageType.SetChunkSize) _reader.ChunkSize = SetChunkSizeMessage.Parse(message).Size;
                return message;
            }
            _input.AdvanceTo(buffer.Start, buffer.End);
            if (result.IsCompleted) throw new IOException("The RTMP server closed the connection.");
        }
    }
}
