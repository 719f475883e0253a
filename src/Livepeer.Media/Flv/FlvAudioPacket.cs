namespace Livepeer.Media.Flv;

/// <summary>A parsed FLV audio tag body.</summary>
/// <param name="SoundFormat">FLV SoundFormat (10 = AAC).</param>
/// <param name="IsSequenceHeader">AACPacketType 0: the payload is an AudioSpecificConfig.</param>
/// <param name="Payload">The AudioSpecificConfig or one raw AAC frame (for AAC); the codec payload otherwise.</param>
public readonly record struct FlvAudioPacket(int SoundFormat, bool IsSequenceHeader, ReadOnlyMemory<byte> Payload)
{
    /// <summary>FLV SoundFormat value for AAC.</summary>
    public const int Aac = 10;

    /// <summary>True when the tag carries AAC.</summary>
    public bool IsAac => SoundFormat == Aac;

    /// <summary>Parses an audio tag body (the RTMP type 8 message payload).</summary>
    public static FlvAudioPacket Parse(ReadOnlyMemory<byte> body)
    {
        var b = body.Span;
        if (b.Length < 1) throw new FlvFormatException("Empty FLV audio tag.");
        var format = b[0] >> 4;
        if (format != Aac) return new(format, false, body[1..]);
        if (b.Length < 2) throw new FlvFormatException("AAC audio tag lacks its AACPacketType byte.");
        return b[1] switch
        {
            0 => new(format, true, body[2..]),
            1 => new(format, false, body[2..]),
            _ => throw new FlvFormatException($"AACPacketType {b[1]} is not 0 (sequence header) or 1 (raw)."),
        };
    }
}
