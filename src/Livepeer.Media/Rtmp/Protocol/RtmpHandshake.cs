using System.Buffers;
using System.Buffers.Binary;
using System.IO.Pipelines;

namespace Livepeer.Media.Rtmp.Protocol;

/// <summary>The simple RTMP handshake (RTMP 1.0 section 5.2): C0/S0 version 3, C1/S1 and C2/S2 of 1536 bytes.</summary>
public static class RtmpHandshake
{
    /// <summary>Size of C1, S1, C2 and S2.</summary>
    public const int PacketSize = 1536;

    /// <summary>The RTMP version byte (C0/S0).</summary>
    public const byte Version = 3;

    /// <summary>Server side: read C0+C1, send S0+S1+S2 (S2 echoes C1), read C2.</summary>
    public static async ValueTask ServerAsync(PipeReader reader, PipeWriter writer, Random random, CancellationToken cancellationToken)
    {
        var c0c1 = await ReadExactlyAsync(reader, 1 + PacketSize, "C0+C1", cancellationToken).ConfigureAwait(false);
        if (c0c1[0] != Version)
        {
            throw new RtmpProtocolException(c0c1[0] == 6
                ? "Client asked for an encrypted RTMPE handshake (version 6); only plain RTMP (version 3) is served."
                : $"Client sent RTMP version byte {c0c1[0]}; expected 3. Is this an RTMP client?");
        }
        var response = writer.GetSpan(1 + 2 * PacketSize)[..(1 + 2 * PacketSize)];
        response[0] = Version;
        var s1 = response.Slice(1, PacketSize);
        BinaryPrimitives.WriteUInt32BigEndian(s1, 0);
        BinaryPrimitives.WriteUInt32BigEndian(s1[4..], 0); // zero version: tells ffmpeg/OBS this is the simple handshake
        random.NextBytes(s1[8..]);
        c0c1.AsSpan(1).CopyTo(response[(1 + PacketSize)..]);
        writer.Advance(response.Length);
        await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        await ReadExactlyAsync(reader, PacketSize, "C2", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Client side: send C0+C1, read S0+S1+S2, send C2 (echo of S1).</summary>
    public static async ValueTask ClientAsync(PipeReader reader, PipeWriter writer, Random random, CancellationToken cancellationToken)
    {
        var c0c1 = writer.GetSpan(1 + PacketSize)[..(1 + PacketSize)];
        c0c1[0] = Version;
        c0c1.Slice(1, 8).Clear();
        random.NextBytes(c0c1[9..]);
        writer.Advance(c0c1.Length);
        await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        var s = await ReadExactlyAsync(reader, 1 + 2 * PacketSize, "S0+S1+S2", cancellationToken).ConfigureAwait(false);
        if (s[0] != Version) throw new RtmpProtocolException($"Server answered with RTMP version {s[0]}; expected 3.");
        writer.Write(s.AsSpan(1, PacketSize));
        await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async ValueTask<byte[]> ReadExactlyAsync(PipeReader reader, int count, string what, CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            if (buffer.Length >= count)
            {
                var bytes = buffer.Slice(0, count).ToArray();
                reader.AdvanceTo(buffer.GetPosition(count));
                return bytes;
            }
            if (result.IsCompleted) throw new RtmpProtocolException($"Connection closed during the handshake ({buffer.Length} of {count} bytes of {what}).");
            reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }
}
