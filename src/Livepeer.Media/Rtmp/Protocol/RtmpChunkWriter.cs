using System.Buffers;
using System.Buffers.Binary;

namespace Livepeer.Media.Rtmp.Protocol;

/// <summary>Splits messages into chunks: a fmt-0 header on the first chunk, fmt 3 on the rest, extended timestamps when needed.</summary>
public sealed class RtmpChunkWriter
{
    private int _chunkSize = 128;

    /// <summary>Our outgoing chunk size; change it only right after sending Set Chunk Size.</summary>
    public int ChunkSize
    {
        get => _chunkSize;
        set => _chunkSize = value is >= 1 and <= 0x7FFFFFFF ? value : throw new ArgumentOutOfRangeException(nameof(value));
    }

    /// <summary>Writes <paramref name="message"/> on chunk stream <paramref name="chunkStreamId"/> (2..65599).</summary>
    public void Write(IBufferWriter<byte> output, int chunkStreamId, in RtmpMessage message)
    {
        if (chunkStreamId is < 2 or > 65599) throw new ArgumentOutOfRangeException(nameof(chunkStreamId), chunkStreamId, "Chunk stream ids are 2..65599.");
        var payload = message.Payload.Span;
        var extended = message.Timestamp >= 0xFFFFFF;
        var offset = 0;
        var first = true;
        do
        {
            var span = output.GetSpan(18);
            var n = WriteBasicHeader(span, first ? 0 : 3, chunkStreamId);
            if (first)
            {
                var ts = extended ? 0xFFFFFFu : message.Timestamp;
                span[n++] = (byte)(ts >> 16);
                span[n++] = (byte)(ts >> 8);
                span[n++] = (byte)ts;
                span[n++] = (byte)(payload.Length >> 16);
                span[n++] = (byte)(payload.Length >> 8);
                span[n++] = (byte)payload.Length;
                span[n++] = (byte)message.Type;
                BinaryPrimitives.WriteUInt32LittleEndian(span[n..], message.StreamId);
                n += 4;
            }
            if (extended)
            {
                BinaryPrimitives.WriteUInt32BigEndian(span[n..], message.Timestamp);
                n += 4;
            }
            output.Advance(n);
            var take = Math.Min(_chunkSize, payload.Length - offset);
            output.Write(payload.Slice(offset, take));
            offset += take;
            first = false;
        }
        while (offset < payload.Length);
    }

    /// <summary>Writes a basic header (1, 2 or 3 bytes) and returns its length.</summary>
    public static int WriteBasicHeader(Span<byte> span, int fmt, int chunkStreamId)
    {
        if (chunkStreamId < 64)
        {
            span[0] = (byte)((fmt << 6) | chunkStreamId);
            return 1;
        }
        if (chunkStreamId < 320)
        {
            span[0] = (byte)(fmt << 6);
            span[1] = (byte)(chunkStreamId - 64);
            return 2;
        }
        span[0] = (byte)((fmt << 6) | 1);
        span[1] = (byte)((chunkStreamId - 64) & 0xFF);
        span[2] = (byte)((chunkStreamId - 64) >> 8);
        return 3;
    }
}
