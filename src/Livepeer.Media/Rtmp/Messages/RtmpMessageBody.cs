using Livepeer.Media.Rtmp.Protocol;

namespace Livepeer.Media.Rtmp.Messages;

/// <summary>
/// A typed RTMP message: parsed from a reassembled <see cref="RtmpMessage"/> by <see cref="RtmpMessages.Parse"/> and written
/// back by <see cref="ToMessage"/>. The envelope (message stream id, timestamp) stays on the <see cref="RtmpMessage"/>.
/// </summary>
public abstract record RtmpMessageBody
{
    /// <summary>The message type id it travels as.</summary>
    public abstract RtmpMessageType Type { get; }

    /// <summary>The payload bytes.</summary>
    public abstract ReadOnlyMemory<byte> Write();

    /// <summary>This body as a message on <paramref name="streamId"/> at <paramref name="timestamp"/>.</summary>
    public RtmpMessage ToMessage(uint streamId = 0, uint timestamp = 0) => new(Type, streamId, timestamp, Write());
}
