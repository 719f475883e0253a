using System.Buffers.Binary;
using Livepeer.Media.Rtmp.Protocol;

namespace Livepeer.Media.Rtmp.Messages;

/// <summary>
/// User Control (type 4): an event and its first 32-bit field (a message stream id or a ping timestamp);
/// <paramref name="BufferLength"/> only for <see cref="UserControlEvent.SetBufferLength"/>.
/// </summary>
public sealed record UserControlMessage(UserControlEvent Event, uint Value, uint? BufferLength = null) : RtmpMessageBody
{
    /// <inheritdoc/>
    public override RtmpMessageType Type => RtmpMessageType.UserControl;

    /// <summary>Reads the event type and its fields.</summary>
    public static UserControlMessage Parse(in RtmpMessage message)
    {
        ControlPayload.RequireLength(message, 6);
        var ev = (UserControlEvent)BinaryPrimitives.ReadUInt16BigEndian(message.Payload.Span);
        var value = ControlPayload.ReadUInt32(message, 2);
        return ev == UserControlEvent.SetBufferLength ? new(ev, value, ControlPayload.ReadUInt32(message, 6)) : new(ev, value);
    }

    /// <inheritdoc/>
    public override ReadOnlyMemory<byte> Write()
    {
        var payload = new byte[BufferLength is null ? 6 : 10];
        BinaryPrimitives.WriteUInt16BigEndian(payload, (ushort)Event);
        BinaryPrimitives.WriteUInt32BigEndian(payload.AsSpan(2), Value);
        if (BufferLength is { } length) BinaryPrimitives.WriteUInt32BigEndian(payload.AsSpan(6), length);
        return payload;
    }
}
