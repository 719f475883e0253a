using Livepeer.Media.Rtmp.Protocol;

namespace Livepeer.Media.Rtmp.Messages;

/// <summary>Acknowledgement (type 3): the bytes received so far (wrapping at 2^32).</summary>
public sealed record AcknowledgementMessage(uint SequenceNumber) : RtmpMessageBody
{
    /// <inheritdoc/>
    public override RtmpMessageType Type => RtmpMessageType.Acknowledgement;

    /// <summary>Reads the sequence number.</summary>
    public static AcknowledgementMessage Parse(in RtmpMessage message) => new(ControlPayload.ReadUInt32(message));

    /// <inheritdoc/>
    public override ReadOnlyMemory<byte> Write() => ControlPayload.UInt32(SequenceNumber);
}
