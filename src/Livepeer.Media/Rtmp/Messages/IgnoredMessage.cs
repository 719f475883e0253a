using Livepeer.Media.Rtmp.Protocol;

namespace Livepeer.Media.Rtmp.Messages;

/// <summary>A message a publish-only server has no use for (shared objects, ids RTMP 1.0 does not define), kept raw.</summary>
public sealed record IgnoredMessage(RtmpMessageType MessageType, ReadOnlyMemory<byte> Payload) : RtmpMessageBody
{
    /// <inheritdoc/>
    public override RtmpMessageType Type => MessageType;

    /// <inheritdoc/>
    public override ReadOnlyMemory<byte> Write() => Payload;
}
