using Livepeer.Media.Codecs;

namespace Livepeer.Media.Flv;

/// <summary>What a video tag body carries.</summary>
public enum FlvVideoPacketKind
{
    /// <summary>A decoder configuration record (AVCPacketType 0 / Enhanced RTMP SequenceStart).</summary>
    SequenceHeader,

    /// <summary>Length-prefixed NAL units of one access unit (AVCPacketType 1 / CodedFrames / CodedFramesX).</summary>
    CodedFrames,

    /// <summary>End of sequence (AVCPacketType 2 / SequenceEnd).</summary>
    EndOfSequence,

    /// <summary>Anything we do not carry (command frames, metadata, other codecs' packet types).</summary>
    Other,
}

/// <summary>
/// A parsed FLV video tag body: legacy (frame type / codec id / AVCPacketType / composition time) or Enhanced RTMP
/// (IsExHeader bit, packet type, FourCC).
/// </summary>
/// <param name="Kind">What the payload is.</param>
/// <param name="Codec">H.264 or HEVC; null for codecs we do not carry.</param>
/// <param name="Keyframe">Frame type 1 (key frame).</param>
/// <param name="CompositionTime">Signed PTS - DTS in milliseconds.</param>
/// <param name="Payload">The configuration record or the length-prefixed NAL units.</param>
/// <param name="CodecName">The FLV codec id or FourCC as text, for error messages.</param>
public readonly record struct FlvVideoPacket(FlvVideoPacketKind Kind, IngestCodec? Codec, bool Keyframe, int CompositionTime, ReadOnlyMemory<byte> Payload, string CodecName)
{
    /// <summary>Parses a video tag body (the RTMP type 9 message payload).</summary>
    public static FlvVideoPacket Parse(ReadOnlyMemory<byte> body)
    {
        var b = body.Span;
        if (b.Length < 1) throw new FlvFormatException("Empty FLV video tag.");
        if ((b[0] & 0x80) != 0)
        {
            // Enhanced RTMP: [1 IsExHeader][3 FrameType][4 PacketType][FourCC]
            if (b.Length < 5) throw new FlvFormatException($"Enhanced RTMP video tag of {b.Length} bytes is too short for its FourCC.");
            var frameType = (b[0] >> 4) & 7;
            var packetType = b[0] & 0x0F;
            var fourCc = System.Text.Encoding.ASCII.GetString(b.Slice(1, 4));
            IngestCodec? codec = IngestCodecTable.FromFourCc(fourCc);
            if (frameType == 5) return new(FlvVideoPacketKind.Other, codec, false, 0, ReadOnlyMemory<byte>.Empty, fourCc);
            switch (packetType)
            {
                case 0:
                    return new(FlvVideoPacketKind.SequenceHeader, codec, frameType == 1, 0, body[5..], fourCc);
                case 1:
                    {
                        // CodedFrames carries a composition time for avc1/hvc1; other FourCCs do not.
                        if (codec is null) return new(FlvVideoPacketKind.Other, null, frameType == 1, 0, body[5..], fourCc);
                        if (b.Length < 8) throw new FlvFormatException("Enhanced RTMP CodedFrames tag too short for its composition time.");
                        return new(FlvVideoPacketKind.CodedFrames, codec, frameType == 1, ReadSi24(b[5..]), body[8..], fourCc);
                    }
                case 2:
                    return new(FlvVideoPacketKind.EndOfSequence, codec, false, 0, ReadOnlyMemory<byte>.Empty, fourCc);
                case 3:
                    return new(FlvVideoPacketKind.CodedFrames, codec, frameType == 1, 0, body[5..], fourCc);
                default:
                    return new(FlvVideoPacketKind.Other, codec, frameType == 1, 0, body[5..], fourCc);
            }
        }
        var legacyFrameType = b[0] >> 4;
        var codecId = b[0] & 0x0F;
        // Codec id 12 is the pre-Enhanced-RTMP HEVC extension some Chinese CDNs and OBS forks use.
        IngestCodec? legacyCodec = IngestCodecTable.FromFlvCodecId(codecId);
        var name = $"FLV codec id {codecId}";
        if (legacyFrameType == 5) return new(FlvVideoPacketKind.Other, legacyCodec, false, 0, ReadOnlyMemory<byte>.Empty, name);
        if (legacyCodec is null) return new(FlvVideoPacketKind.Other, null, legacyFrameType == 1, 0, body[1..], name);
        if (b.Length < 5) throw new FlvFormatException($"AVC video tag of {b.Length} bytes is too short (needs 5: header, packet type, composition time).");
        var kind = b[1] switch
        {
            0 => FlvVideoPacketKind.SequenceHeader,
            1 => FlvVideoPacketKind.CodedFrames,
            2 => FlvVideoPacketKind.EndOfSequence,
            _ => FlvVideoPacketKind.Other,
        };
        return new(kind, legacyCodec, legacyFrameType == 1, ReadSi24(b[2..]), body[5..], name);
    }

    private static int ReadSi24(ReadOnlySpan<byte> b)
    {
        var v = (b[0] << 16) | (b[1] << 8) | b[2];
        return (v << 8) >> 8; // sign-extend 24 -> 32 bits
    }
}
