using System.Buffers;
using System.IO.Pipelines;
using Livepeer.Media.Amf;
using Livepeer.Media.Rtmp;
using Microsoft.Extensions.Logging.Abstractions;

namespace Livepeer.Media.Tests.Rtmp;

/// <summary>An RtmpConnection driven over in-memory pipes: the test plays the client byte by byte.</summary>
internal sealed class PipePeer : IAsyncDisposable
{
    private readonly Pipe _toServer = new();
    private readonly Pipe _toClient = new();
    private readonly RtmpChunkReader _reader = new();
    private readonly CancellationTokenSource _cts = new(TimeSpan.FromSeconds(20));

    public PipePeer(IRtmpPublishHandler handler, RtmpServerOptions? options = null, TimeProvider? time = null)
    {
        var connection = new RtmpConnection(1, _toServer.Reader, _toClient.Writer, null, options ?? new RtmpServerOptions { RandomSeed = 1 }, handler,
            NullLogger.Instance, time ?? TimeProvider.System);
        Run = Task.Run(() => connection.RunAsync(_cts.Token));
    }

    public Task Run { get; }

    public async Task SendAsync(byte[] bytes)
    {
        await _toServer.Writer.WriteAsync(bytes, _cts.Token);
    }

    public async Task<byte[]> ReceiveExactlyAsync(int count)
    {
        while (true)
        {
            var r = await _toClient.Reader.ReadAsync(_cts.Token);
            if (r.Buffer.Length >= count)
            {
                var bytes = r.Buffer.Slice(0, count).ToArray();
                _toClient.Reader.AdvanceTo(r.Buffer.GetPosition(count));
                return bytes;
            }
            if (r.IsCompleted) throw new EndOfStreamException($"server closed after {r.Buffer.Length} of {count} bytes");
            _toClient.Reader.AdvanceTo(r.Buffer.Start, r.Buffer.End);
        }
    }

    /// <summary>Reads the next server message, or null when the server closed.</summary>
    public async Task<RtmpMessage?> ReceiveMessageAsync()
    {
        while (true)
        {
            var r = await _toClient.Reader.ReadAsync(_cts.Token);
            var buffer = r.Buffer;
            if (_reader.TryReadMessage(ref buffer, out var m))
            {
                _toClient.Reader.AdvanceTo(buffer.Start);
                if (m.Type == RtmpMessageType.SetChunkSize) _reader.ChunkSize = (int)System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(m.Payload.Span);
                return m with { Payload = m.Payload.ToArray() };
            }
            _toClient.Reader.AdvanceTo(buffer.Start, buffer.End);
            if (r.IsCompleted) return null;
        }
    }

    public async Task<List<object?>> ReceiveCommandAsync()
    {
        while (true)
        {
            var m = await ReceiveMessageAsync() ?? throw new EndOfStreamException("server closed before the command");
            if (m.Type == RtmpMessageType.CommandAmf0) return Amf0Reader.ReadAll(m.Payload.Span);
        }
    }

    public async Task HandshakeAsync()
    {
        var c1 = ChunkBytes.Payload(1536, 9);
        await SendAsync([3, .. c1]);
        var s = await ReceiveExactlyAsync(1 + 1536 * 2);
        await SendAsync(s[1..1537]);
    }

    public static byte[] Command(int csid, uint streamId, params object?[] values)
    {
        var payload = Amf0Writer.Encode(values);
        var w = new ArrayBufferWriter<byte>();
        new RtmpChunkWriter().Write(w, csid, new RtmpMessage(RtmpMessageType.CommandAmf0, streamId, 0, payload));
        return w.WrittenSpan.ToArray();
    }

    public static byte[] Message(int csid, RtmpMessage message, int chunkSize = 128)
    {
        var w = new ArrayBufferWriter<byte>();
        new RtmpChunkWriter { ChunkSize = chunkSize }.Write(w, csid, message);
        return w.WrittenSpan.ToArray();
    }

    /// <summary>connect + createStream + publish; returns the onStatus info object.</summary>
    public async Task<AmfObject> PublishAsync(string key, string app = "live")
    {
        await HandshakeAsync();
        await SendAsync(Command(3, 0, "connect", 1.0, new AmfObject { { "app", app }, { "tcUrl", $"rtmp://127.0.0.1/{app}" } }));
        var result = await ReceiveCommandAsync();
        Assert.Equal("_result", result[0]);
        await SendAsync(Command(3, 0, "createStream", 2.0, null));
        var created = await ReceiveCommandAsync();
        var id = (uint)(double)created[3]!;
        await SendAsync(Command(8, id, "publish", 3.0, null, key, "live"));
        var status = await ReceiveCommandAsync();
        Assert.Equal("onStatus", status[0]);
        return (AmfObject)status[3]!;
    }

    public async Task CloseAsync()
    {
        await _toServer.Writer.CompleteAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _toServer.Writer.CompleteAsync();
        try
        {
            await Run.WaitAsync(TimeSpan.FromSeconds(10));
        }
        finally
        {
            _cts.Dispose();
        }
    }
}
