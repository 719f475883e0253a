using System.Buffers.Binary;
using Livepeer.Media.Rtmp.Protocol;

namespace Livepeer.Media.Rtmp.Messages;

/// <summary>Reads and writes the big-endian fields of protocol control messages.</summary>
internal static class ControlPayload
{
    public static void RequireLength(in RtmpMessage message, int length)
    {
        if (message.Payload.Length < length)
            throw new RtmpProtocolException($"{message.Type} message of {message.Payload.Length} bytes is shorter than {length}.");
    }

    public static uint ReadUInt32(in RtmpMessage message, int offset = 0)
    {
        RequireLength(message, offset + 4);
        return BinaryPrimitives.ReadUInt32BigEndian(message.Payload.Span[offset..]);
    }

    public static byte[] UInt32(uint value)
    {
        var payload = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(payload, value);
        return payload;
    }
}
