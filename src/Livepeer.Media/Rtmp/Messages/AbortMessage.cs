using Livepeer.Media.Rtmp.Protocol;

namespace Livepeer.Media.Rtmp.Messages;

/// <summary>Abort Message (type 2): drop the partly received message on chunk stream <paramref name="ChunkStreamId"/>.</summary>
public sealed record AbortMessage(uint ChunkStreamId) : RtmpMessageBody
{
    /// <inheritdoc/>
    public override RtmpMessageType Type => RtmpMessageType.Abort;

    /// <summary>Reads the chunk stream id.</summary>
    public static AbortMessage Parse(in RtmpMessage message) => new(ControlPayload.ReadUInt32(message));

    /// <inheritdoc/>
    public override ReadOnlyMemory<byte> Write() => ControlPayload.UInt32(ChunkStreamId);
}
