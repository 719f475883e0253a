using Livepeer.Media.Rtmp.Protocol;

namespace Livepeer.Media.Rtmp.Messages;

/// <summary>Turns a reassembled message into its typed body, by message type id.</summary>
public static class RtmpMessages
{
    /// <summary>
    /// The typed body of <paramref name="message"/>. Throws <see cref="RtmpProtocolException"/> for a control message too
    /// short for its fields or a command without a name and transaction id, and <see cref="Amf.Amf0Exception"/> for bad AMF0.
    /// </summary>
    public static RtmpMessageBody Parse(in RtmpMessage message) => message.Type switch
    {
        RtmpMessageType.SetChunkSize => SetChunkSizeMessage.Parse(message),
        RtmpMessageType.Abort => AbortMessage.Parse(message),
        RtmpMessageType.Acknowledgement => AcknowledgementMessage.Parse(message),
        RtmpMessageType.UserControl => UserControlMessage.Parse(message),
        RtmpMessageType.WindowAcknowledgementSize => WindowAcknowledgementSizeMessage.Parse(message),
        RtmpMessageType.SetPeerBandwidth => SetPeerBandwidthMessage.Parse(message),
        RtmpMessageType.Audio => new AudioMessage(message.Payload),
        RtmpMessageType.Video => new VideoMessage(message.Payload),
        RtmpMessageType.DataAmf0 => DataMessage.Parse(message.Payload.Span),
        RtmpMessageType.DataAmf3 => DataMessage.Parse(Amf3Body(message.Payload.Span)),
        RtmpMessageType.CommandAmf0 => RtmpCommand.Parse(message.Payload.Span),
        RtmpMessageType.CommandAmf3 => RtmpCommand.Parse(Amf3Body(message.Payload.Span)),
        RtmpMessageType.Aggregate => new AggregateMessage(message.Payload),
        RtmpMessageType.SharedObjectAmf0 or RtmpMessageType.SharedObjectAmf3 => new IgnoredMessage(message.Type, message.Payload),
        // Ids RTMP 1.0 does not define: the peer's business, not ours.
        _ => new IgnoredMessage(message.Type, message.Payload),
    };

    // AMF3 command and data messages start with a format byte and then carry AMF0 values.
    private static ReadOnlySpan<byte> Amf3Body(ReadOnlySpan<byte> payload) => payload.Length > 0 ? payload[1..] : payload;
}
