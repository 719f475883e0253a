namespace Livepeer.Media.Codecs;

/// <summary>An MPEG-4 AudioSpecificConfig (ISO/IEC 14496-3 1.6.2.1) reduced to what an ADTS header needs.</summary>
/// <param name="ObjectType">Audio object type (2 = AAC LC); for explicit SBR/PS signalling, the core object type.</param>
/// <param name="SamplingFrequencyIndex">Index into the standard sampling-rate table (the core rate for SBR).</param>
/// <param name="ChannelConfiguration">Channel configuration (1 mono, 2 stereo, ...).</param>
public sealed record AudioSpecificConfig(int ObjectType, int SamplingFrequencyIndex, int ChannelConfiguration)
{
    private static readonly int[] Rates = [96000, 88200, 64000, 48000, 44100, 32000, 24000, 22050, 16000, 12000, 11025, 8000, 7350];

    /// <summary>Sampling rate in Hz.</summary>
    public int SampleRate => Rates[SamplingFrequencyIndex];

    /// <summary>Parses the config bytes carried by an FLV AAC sequence header.</summary>
    public static AudioSpecificConfig Parse(ReadOnlySpan<byte> data)
    {
        if (data.Length < 2) throw new CodecFormatException($"AudioSpecificConfig of {data.Length} bytes is too short (needs 2).");
        var r = new RbspBitReader(data, unescape: false);
        var objectType = ReadObjectType(r);
        var freqIndex = (int)r.ReadBits(4);
        if (freqIndex == 15) throw new CodecFormatException("AudioSpecificConfig uses an explicit sampling frequency, which ADTS cannot signal.");
        if (freqIndex >= Rates.Length) throw new CodecFormatException($"AudioSpecificConfig sampling frequency index {freqIndex} is reserved.");
        var channels = (int)r.ReadBits(4);
        if (objectType is 5 or 29)
        {
            // Explicit HE-AAC signalling: ADTS carries the core AAC stream, SBR/PS stay implicit.
            r.ReadBits(4);
            objectType = ReadObjectType(r);
        }
        if (objectType is < 1 or > 4)
            throw new CodecFormatException($"AAC object type {objectType} cannot be carried in ADTS (only Main, LC, SSR, LTP); re-encode as AAC-LC.");
        if (channels is 0 or > 7) throw new CodecFormatException($"AudioSpecificConfig channel configuration {channels} is not supported (1..7).");
        return new AudioSpecificConfig(objectType, freqIndex, channels);
    }

    /// <summary>Writes the 7-byte ADTS header (no CRC) for a raw frame of <paramref name="payloadLength"/> bytes.</summary>
    public void WriteAdtsHeader(Span<byte> header, int payloadLength)
    {
        var frameLength = payloadLength + 7;
        if (frameLength > 0x1FFF) throw new CodecFormatException($"AAC frame of {payloadLength} bytes is too long for ADTS (max 8184).");
        header[0] = 0xFF;
        header[1] = 0xF1; // MPEG-4, layer 0, no CRC
        header[2] = (byte)(((ObjectType - 1) << 6) | (SamplingFrequencyIndex << 2) | (ChannelConfiguration >> 2));
        header[3] = (byte)(((ChannelConfiguration & 3) << 6) | (frameLength >> 11));
        header[4] = (byte)(frameLength >> 3);
        header[5] = (byte)(((frameLength & 7) << 5) | 0x1F);
        header[6] = 0xFC;
    }

    private static int ReadObjectType(RbspBitReader r)
    {
        var t = (int)r.ReadBits(5);
        return t == 31 ? 32 + (int)r.ReadBits(6) : t;
    }
}
