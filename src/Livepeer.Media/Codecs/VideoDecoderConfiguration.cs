using System.Buffers.Binary;

namespace Livepeer.Media.Codecs;

/// <summary>
/// The parameter sets and NAL length size from an AVCDecoderConfigurationRecord (ISO/IEC 14496-15 5.3.3) or an
/// HEVCDecoderConfigurationRecord (8.3.3), plus the picture size read from the first SPS.
/// </summary>
public sealed class VideoDecoderConfiguration
{
    private VideoDecoderConfiguration(IngestCodec codec, int nalLengthSize, IReadOnlyList<byte[]> parameterSets, int width, int height, byte[] raw)
        => (Codec, NalLengthSize, ParameterSets, Width, Height, Raw) = (codec, nalLengthSize, parameterSets, width, height, raw);

    /// <summary>H.264 or HEVC.</summary>
    public IngestCodec Codec { get; }

    /// <summary>Bytes in each NAL length prefix (1, 2 or 4).</summary>
    public int NalLengthSize { get; }

    /// <summary>Parameter sets in the order a decoder needs them (VPS, SPS, PPS; or SPS, PPS).</summary>
    public IReadOnlyList<byte[]> ParameterSets { get; }

    /// <summary>Luma width from the SPS.</summary>
    public int Width { get; }

    /// <summary>Luma height from the SPS.</summary>
    public int Height { get; }

    /// <summary>The record as received (to detect an unchanged re-send).</summary>
    public byte[] Raw { get; }

    /// <summary>Parses an AVCDecoderConfigurationRecord.</summary>
    public static VideoDecoderConfiguration ParseAvc(ReadOnlySpan<byte> record)
    {
        if (record.Length < 7) throw new CodecFormatException($"AVCDecoderConfigurationRecord of {record.Length} bytes is too short (needs at least 7).");
        if (record[0] != 1) throw new CodecFormatException($"AVCDecoderConfigurationRecord version {record[0]} is not 1.");
        var lengthSize = (record[4] & 3) + 1;
        if (lengthSize == 3) throw new CodecFormatException("AVC NAL length size of 3 bytes is not allowed.");
        var pos = 5;
        var sets = new List<byte[]>();
        var spsCount = record[pos++] & 0x1F;
        for (var i = 0; i < spsCount; i++) sets.Add(ReadSet(record, ref pos, "SPS"));
        if (pos >= record.Length) throw new CodecFormatException("AVCDecoderConfigurationRecord ends before its PPS count.");
        var ppsCount = record[pos++];
        for (var i = 0; i < ppsCount; i++) sets.Add(ReadSet(record, ref pos, "PPS"));
        var sps = sets.FirstOrDefault(s => s.Length > 0 && (s[0] & 0x1F) == 7)
            ?? throw new CodecFormatException("AVCDecoderConfigurationRecord carries no SPS; the encoder must send one.");
        if (!sets.Any(s => s.Length > 0 && (s[0] & 0x1F) == 8)) throw new CodecFormatException("AVCDecoderConfigurationRecord carries no PPS.");
        var parsed = H264Sps.Parse(sps);
        return new VideoDecoderConfiguration(IngestCodec.H264, lengthSize, sets, parsed.Width, parsed.Height, record.ToArray());
    }

    /// <summary>Parses an HEVCDecoderConfigurationRecord.</summary>
    public static VideoDecoderConfiguration ParseHevc(ReadOnlySpan<byte> record)
    {
        if (record.Length < 23) throw new CodecFormatException($"HEVCDecoderConfigurationRecord of {record.Length} bytes is too short (needs at least 23).");
        if (record[0] != 1) throw new CodecFormatException($"HEVCDecoderConfigurationRecord version {record[0]} is not 1.");
        var lengthSize = (record[21] & 3) + 1;
        if (lengthSize == 3) throw new CodecFormatException("HEVC NAL length size of 3 bytes is not allowed.");
        var arrays = record[22];
        var pos = 23;
        var byType = new SortedDictionary<int, List<byte[]>>();
        for (var a = 0; a < arrays; a++)
        {
            if (record.Length - pos < 3) throw new CodecFormatException("HEVCDecoderConfigurationRecord truncated in its NAL arrays.");
            var type = record[pos] & 0x3F;
            var count = BinaryPrimitives.ReadUInt16BigEndian(record[(pos + 1)..]);
            pos += 3;
            for (var i = 0; i < count; i++)
            {
                var set = ReadSet(record, ref pos, $"NAL type {type}");
                if (!byType.TryGetValue(type, out var list)) byType[type] = list = [];
                list.Add(set);
            }
        }
        // VPS (32), SPS (33), PPS (34) first in that order; SEI arrays after.
        var sets = byType.OrderBy(kv => kv.Key is >= 32 and <= 34 ? kv.Key - 100 : kv.Key).SelectMany(kv => kv.Value).ToList();
        if (!byType.TryGetValue(33, out var spsList)) throw new CodecFormatException("HEVCDecoderConfigurationRecord carries no SPS; the encoder must send one.");
        if (!byType.ContainsKey(32) || !byType.ContainsKey(34)) throw new CodecFormatException("HEVCDecoderConfigurationRecord lacks a VPS or PPS.");
        var parsed = HevcSps.Parse(spsList[0]);
        return new VideoDecoderConfiguration(IngestCodec.Hevc, lengthSize, sets, parsed.Width, parsed.Height, record.ToArray());
    }

    private static byte[] ReadSet(ReadOnlySpan<byte> record, ref int pos, string what)
    {
        if (record.Length - pos < 2) throw new CodecFormatException($"Decoder configuration record truncated before a {what} length.");
        var len = BinaryPrimitives.ReadUInt16BigEndian(record[pos..]);
        pos += 2;
        if (record.Length - pos < len) throw new CodecFormatException($"Decoder configuration record {what} of {len} bytes runs past the record end.");
        var set = record.Slice(pos, len).ToArray();
        pos += len;
        return set;
    }
}
