using Livepeer.Media.Rtmp.Protocol;

namespace Livepeer.Media.Rtmp.Messages;

/// <summary>Window Acknowledgement Size (type 5): acknowledge every <paramref name="Size"/> bytes received.</summary>
public sealed record WindowAcknowledgementSizeMessage(uint Size) : RtmpMessageBody
{
    /// <inheritdoc/>
    public override RtmpMessageType Type => RtmpMessageType.WindowAcknowledgementSize;

    /// <summary>Reads the window.</summary>
    public static WindowAcknowledgementSizeMessage Parse(in RtmpMessage message) => new(ControlPayload.ReadUInt32(message));

    /// <inheritdoc/>
    public override ReadOnlyMemory<byte> Write() => ControlPayload.UInt32(Size);
}
