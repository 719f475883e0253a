using Livepeer.Media.Rtmp.Protocol;

namespace Livepeer.Media.Rtmp.Messages;

/// <summary>Video (type 9): one FLV video tag body.</summary>
public sealed record VideoMessage(ReadOnlyMemory<byte> Body) : RtmpMessageBody
{
    /// <inheritdoc/>
    public override RtmpMessageType Type => RtmpMessageType.Video;

    /// <inheritdoc/>
    public override ReadOnlyMemory<byte> Write() => Body;
}
