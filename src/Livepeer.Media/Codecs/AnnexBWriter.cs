using System.Buffers;

namespace Livepeer.Media.Codecs;

/// <summary>
/// Turns a length-prefixed (AVCC/HVCC) access unit into an Annex B one as MPEG-TS carries it: an access unit delimiter
/// first, the parameter sets before every IDR/IRAP picture unless the access unit already carries them, start codes
/// instead of lengths.
/// </summary>
public static class AnnexBWriter
{
    private static readonly byte[] StartCode = [0, 0, 0, 1];
    private static readonly byte[] H264Aud = [0x09, 0xF0];
    private static readonly byte[] HevcAud = [0x46, 0x01, 0x50];

    /// <summary>Converts one access unit; returns the Annex B bytes and whether it holds a random-access picture.</summary>
    public static byte[] Convert(ReadOnlySpan<byte> lengthPrefixed, VideoDecoderConfiguration config, bool keyframe, out bool containsIdr)
    {
        var nals = new List<Range>();
        var hasParameterSets = false;
        containsIdr = false;
        var pos = 0;
        var n = config.NalLengthSize;
        while (pos < lengthPrefixed.Length)
        {
            if (lengthPrefixed.Length - pos < n)
                throw new CodecFormatException($"NAL length prefix truncated at byte {pos} of a {lengthPrefixed.Length}-byte access unit.");
            uint len = 0;
            for (var i = 0; i < n; i++) len = (len << 8) | lengthPrefixed[pos + i];
            pos += n;
            if (len > (uint)(lengthPrefixed.Length - pos))
                throw new CodecFormatException($"NAL unit of {len} bytes at byte {pos} runs past the {lengthPrefixed.Length}-byte access unit (wrong NAL length size?).");
            if (len == 0) continue;
            var nal = lengthPrefixed.Slice(pos, (int)len);
            var type = NalType(config.Codec, nal[0]);
            if (config.Codec == IngestCodec.H264)
            {
                if (type == 9) { pos += (int)len; continue; } // our own AUD goes first
                if (type is 7 or 8) hasParameterSets = true;
                if (type == 5) containsIdr = true;
            }
            else
            {
                if (type == 35) { pos += (int)len; continue; }
                if (type is 32 or 33 or 34) hasParameterSets = true;
                if (type is >= 16 and <= 21) containsIdr = true;
            }
            nals.Add(new Range(pos, pos + (int)len));
            pos += (int)len;
        }
        var insertSets = (containsIdr || keyframe) && !hasParameterSets;
        var buffer = new ArrayBufferWriter<byte>(lengthPrefixed.Length + 64);
        buffer.Write(StartCode);
        buffer.Write(config.Codec switch
        {
            IngestCodec.H264 => H264Aud,
            IngestCodec.Hevc => HevcAud,
            _ => throw new ArgumentOutOfRangeException(nameof(config), config.Codec, "Not an ingest codec."),
        });
        if (insertSets)
        {
            foreach (var set in config.ParameterSets)
            {
                buffer.Write(StartCode);
                buffer.Write(set);
            }
        }
        foreach (var r in nals)
        {
            buffer.Write(StartCode);
            buffer.Write(lengthPrefixed[r]);
        }
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The NAL unit type from the first header byte.</summary>
    public static int NalType(IngestCodec codec, byte header) => codec switch
    {
        IngestCodec.H264 => header & 0x1F,
        IngestCodec.Hevc => (header >> 1) & 0x3F,
        _ => throw new ArgumentOutOfRangeException(nameof(codec), codec, "Not an ingest codec."),
    };
}
