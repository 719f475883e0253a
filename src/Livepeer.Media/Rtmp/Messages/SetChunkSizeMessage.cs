using Livepeer.Media.Rtmp.Protocol;

namespace Livepeer.Media.Rtmp.Messages;

/// <summary>Set Chunk Size (type 1): the sender's chunks are <paramref name="Size"/> bytes from now on (31 bits).</summary>
public sealed record SetChunkSizeMessage(int Size) : RtmpMessageBody
{
    /// <inheritdoc/>
    public override RtmpMessageType Type => RtmpMessageType.SetChunkSize;

    /// <summary>Reads the size; the top bit is reserved and ignored.</summary>
    public static SetChunkSizeMessage Parse(in RtmpMessage message) => new((int)(ControlPayload.ReadUInt32(message) & 0x7FFFFFFF));

    /// <inheritdoc/>
    public override ReadOnlyMemory<byte> Write() => ControlPayload.UInt32((uint)Size & 0x7FFFFFFF);
}
