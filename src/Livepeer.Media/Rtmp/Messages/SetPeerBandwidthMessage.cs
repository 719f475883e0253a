using Livepeer.Media.Rtmp.Protocol;

namespace Livepeer.Media.Rtmp.Messages;

/// <summary>Set Peer Bandwidth (type 6): the peer should send at most <paramref name="Size"/> unacknowledged bytes.</summary>
public sealed record SetPeerBandwidthMessage(uint Size, PeerBandwidthLimit Limit) : RtmpMessageBody
{
    /// <inheritdoc/>
    public override RtmpMessageType Type => RtmpMessageType.SetPeerBandwidth;

    /// <summary>Reads the window and the limit type.</summary>
    public static SetPeerBandwidthMessage Parse(in RtmpMessage message)
    {
        ControlPayload.RequireLength(message, 5);
        return new(ControlPayload.ReadUInt32(message), (PeerBandwidthLimit)message.Payload.Span[4]);
    }

    /// <inheritdoc/>
    public override ReadOnlyMemory<byte> Write() => (byte[])[.. ControlPayload.UInt32(Size), (byte)Limit];
}
