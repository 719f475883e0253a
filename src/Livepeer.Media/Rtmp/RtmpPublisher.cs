using System.Buffers.Binary;
using System.IO.Pipelines;
using System.Net.Sockets;
using Livepeer.Media.Amf;
using Livepeer.Media.Flv;

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
            var size = new byte[4];
            BinaryPrimitives.WriteUInt32BigEndian(size, (uint)chunkSize);
            await publisher.SendAsync(2, new RtmpMessage(RtmpMessageType.SetChunkSize, 0, 0, size), cancellationToken).ConfigureAwait(false);
            publisher._writer.ChunkSize = chunkSize;
            var connect = new AmfObject
            {
                { "app", app },
                { "type", "nonprivate" },
                { "flashVer", "FMLE/3.0 (compatible; Livepeer)" },
                { "tcUrl", $"rtmp://{host}:{port}/{app}" },
            };
            await publisher.CommandAsync(0, "connect", connect, [], cancellationToken).ConfigureAwait(false);
            var result = await publisher.ExpectAsync(cancellationToken).ConfigureAwait(false);
            await publisher.CommandAsync(0, "releaseStream", null, [streamKey], cancellationToken).ConfigureAwait(false);
            await publisher.CommandAsync(0, "FCPublish", null, [streamKey], cancellationToken).ConfigureAwait(false);
            var createTxn = await publisher.CommandAsync(0, "createStream", null, [], cancellationToken).ConfigureAwait(false);
            while (true)
            {
                result = await publisher.ExpectAsync(cancellationToken).ConfigureAwait(false);
                if (result.Count >= 4 && result[0] is "_result" && result[1] is double t && t == createTxn && result[3] is double id)
                {
                    publisher._streamId = (uint)id;
                    break;
                }
            }
            await publisher.CommandAsync(publisher._streamId, "publish", null, [streamKey, "live"], cancellationToken).ConfigureAwait(false);
            while (true)
            {
                result = await publisher.ExpectAsync(cancellationToken).ConfigureAwait(false);
                if (result.Count >= 4 && result[0] is "onStatus" && result[3] is AmfObject info)
                {
                    var code = info.GetString("code") ?? "";
                    if (code != "NetStream.Publish.Start") throw new RtmpStatusException(code, info.GetString("description"));
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
        SendAsync(4, new RtmpMessage(RtmpMessageType.DataAmf0, _streamId, 0, Amf0Writer.Encode("@setDataFrame", "onMetaData", metadata)), cancellationToken);

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
                await CommandAsync(0, "FCUnpublish", null, [""], timeout.Token).ConfigureAwait(false);
                await CommandAsync(0, "deleteStream", null, [(double)_streamId], timeout.Token).ConfigureAwait(false);
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

    private async ValueTask<double> CommandAsync(uint streamId, string name, object? commandObject, object?[] args, CancellationToken cancellationToken)
    {
        var txn = ++_transaction;
        var values = new List<object?> { name, txn, commandObject };
        values.AddRange(args);
        await SendAsync(3, new RtmpMessage(RtmpMessageType.CommandAmf0, streamId, 0, Amf0Writer.Encode([.. values])), cancellationToken).ConfigureAwait(false);
        return txn;
    }

    private async Task<List<object?>> ExpectAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var message = await ReadMessageAsync(cancellationToken).ConfigureAwait(false);
            if (message.Type == RtmpMessageType.CommandAmf0)
            {
                var values = Amf0Reader.ReadAll(message.Payload.Span);
                if (values.Count >= 4 && values[0] is "_error" && values[3] is AmfObject error)
                    throw new RtmpStatusException(error.GetString("code") ?? "_error", error.GetString("description"));
                if (values.Count >= 4 && values[0] is "onStatus" && values[3] is AmfObject status && status.GetString("level") == "error")
                    throw new RtmpStatusException(status.GetString("code") ?? "error", status.GetString("description"));
                return values;
            }
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
                if (message.Type == RtmpMessageType.SetChunkSize && message.Payload.Length >= 4)
                    _reader.ChunkSize = (int)(BinaryPrimitives.ReadUInt32BigEndian(message.Payload.Span) & 0x7FFFFFFF);
                return message;
            }
            _input.AdvanceTo(buffer.Start, buffer.End);
            if (result.IsCompleted) throw new IOException("The RTMP server closed the connection.");
        }
    }
}
