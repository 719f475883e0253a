using Livepeer.Media.Rtmp.Protocol;

namespace Livepeer.Media.Rtmp.Messages;

/// <summary>Aggregate (type 22): a run of FLV tags (11-byte header, body, 4-byte back pointer) sent as one message.</summary>
public sealed record AggregateMessage(ReadOnlyMemory<byte> Body) : RtmpMessageBody
{
    /// <inheritdoc/>
    public override RtmpMessageType Type => RtmpMessageType.Aggregate;

    /// <inheritdoc/>
    public override ReadOnlyMemory<byte> Write() => Body;

    /// <summary>
    /// The audio and video tags as messages of <paramref name="envelope"/>'s stream, the first tag's timestamp mapped onto
    /// the envelope's. Lazy: tags before a malformed one are yielded before <see cref="RtmpProtocolException"/> is thrown.
    /// </summary>
    public IEnumerable<RtmpMessage> Parts(RtmpMessage envelope)
    {
        var data = Body;
        var pos = 0;
        long? baseTs = null;
        while (data.Length - pos >= 11)
        {
            var h = data.Span.Slice(pos, 11);
            var type = (RtmpMessageType)(h[0] & 0x1F);
            var size = (h[1] << 16) | (h[2] << 8) | h[3];
            var ts = (uint)((h[7] << 24) | (h[4] << 16) | (h[5] << 8) | h[6]);
            if (data.Length - pos - 11 < size) throw new RtmpProtocolException("Aggregate message sub-tag runs past the message end.");
            baseTs ??= ts;
            var body = data.Slice(pos + 11, size);
            var adjusted = (uint)(envelope.Timestamp + (ts - baseTs.Value));
            if (type is RtmpMessageType.Audio or RtmpMessageType.Video)
                yield return new RtmpMessage(type, envelope.StreamId, adjusted, body, envelope.ChunkStreamId);
            pos += 11 + size + 4;
        }
    }
}
