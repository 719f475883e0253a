using Livepeer.Media.Rtmp.Protocol;

namespace Livepeer.Media.Rtmp.Messages;

/// <summary>Audio (type 8): one FLV audio tag body.</summary>
public sealed record AudioMessage(ReadOnlyMemory<byte> Body) : RtmpMessageBody
{
    /// <inheritdoc/>
    public override RtmpMessageType Type => RtmpMessageType.Audio;

    /// <inheritdoc/>
    public override ReadOnlyMemory<byte> Write() => Body;
}
