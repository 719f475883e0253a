using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace Livepeer.Media.Fmp4;

/// <summary>RFC 6381 codecs strings derived from the stream's own configuration records (avcC, hvcC, vpcC, av1C, esds).</summary>
public static class CodecString
{
    private const int VisualSampleEntryHeader = 78, AudioSampleEntryHeader = 28;

    /// <summary>Reads a sample entry box: its codecs string, width/height (video) or sample rate (audio).</summary>
    public static (string Codec, int Width, int Height, int SampleRate) FromSampleEntry(ReadOnlySpan<byte> d, BmffBox entry)
    {
        switch (entry.Type)
        {
            case "avc1" or "avc3" or "hvc1" or "hev1" or "vp09" or "av01" or "vp08":
            {
                int w = BinaryPrimitives.ReadUInt16BigEndian(d[(entry.PayloadOffset + 24)..]);
                int h = BinaryPrimitives.ReadUInt16BigEndian(d[(entry.PayloadOffset + 26)..]);
                var kids = entry.Children(d, VisualSampleEntryHeader);
                string codec = entry.Type switch
                {
                    "avc1" or "avc3" => Avc(d, Config(kids, "avcC"), entry.Type),
                    "hvc1" or "hev1" => Hevc(d, Config(kids, "hvcC"), entry.Type),
                    "vp09" or "vp08" => Vp(d, Config(kids, "vpcC"), entry.Type),
                    _ => Av1(d, Config(kids, "av1C")),
                };
                return (codec, w, h, 0);
            }
            case "mp4a":
            {
                int rate = BinaryPrimitives.ReadUInt16BigEndian(d[(entry.PayloadOffset + 24)..]);
                var kids = entry.Children(d, AudioSampleEntryHeader);
                return (Mp4a(d, Config(kids, "esds")), 0, 0, rate);
            }
            case "Opus":
                return ("opus", 0, 0, 48000);
            default:
                throw new FormatException($"Unsupported sample entry '{entry.Type}'.");
        }

        static BmffBox Config(List<BmffBox> kids, string type) =>
            kids.FirstOrDefault(k => k.Type == type) is { Type: not null } b ? b : throw new FormatException($"Sample entry lacks its '{type}' box.");
    }

    /// <summary>avc1.PPCCLL from the avcC record (profile_idc, constraint flags, level_idc).</summary>
    public static string Avc(ReadOnlySpan<byte> d, BmffBox avcC, string fourcc = "avc1")
    {
        var p = d[avcC.PayloadOffset..];
        return string.Create(CultureInfo.InvariantCulture, $"{fourcc}.{p[1]:X2}{p[2]:X2}{p[3]:X2}");
    }

    /// <summary>hvc1.[space]profile.compat.[L|H]level.constraints as ISO/IEC 14496-15 Annex E defines it.</summary>
    public static string Hevc(ReadOnlySpan<byte> d, BmffBox hvcC, string fourcc = "hvc1")
    {
        var p = d[hvcC.PayloadOffset..];
        int space = p[1] >> 6, tier = (p[1] >> 5) & 1, profile = p[1] & 0x1F;
        uint compat = BinaryPrimitives.ReadUInt32BigEndian(p[2..]);
        uint reversed = 0;
        for (int i = 0; i < 32; i++) if ((compat & (1u << i)) != 0) reversed |= 1u << (31 - i);
        var sb = new StringBuilder(fourcc).Append('.');
        if (space > 0) sb.Append((char)('A' + space - 1));
        sb.Append(profile.ToString(CultureInfo.InvariantCulture)).Append('.').Append(reversed.ToString("X", CultureInfo.InvariantCulture));
        sb.Append('.').Append(tier == 0 ? 'L' : 'H').Append(p[12].ToString(CultureInfo.InvariantCulture));
        int last = 5;
        while (last >= 0 && p[6 + last] == 0) last--;
        for (int i = 0; i <= last; i++) sb.Append('.').Append(p[6 + i].ToString("X2", CultureInfo.InvariantCulture));
        return sb.ToString();
    }

    /// <summary>vp09.PP.LL.DD from the vpcC record (profile, level, bit depth).</summary>
    public static string Vp(ReadOnlySpan<byte> d, BmffBox vpcC, string fourcc = "vp09")
    {
        var p = d[(vpcC.PayloadOffset + 4)..]; // FullBox version + flags
        int bitDepth = p[2] >> 4;
        return string.Create(CultureInfo.InvariantCulture, $"{fourcc}.{p[0]:D2}.{p[1]:D2}.{bitDepth:D2}");
    }

    /// <summary>av01.P.LLT.DD from the av1C record (seq_profile, seq_level_idx_0, seq_tier_0, bit depth).</summary>
    public static string Av1(ReadOnlySpan<byte> d, BmffBox av1C)
    {
        var p = d[av1C.PayloadOffset..];
        int profile = p[1] >> 5, level = p[1] & 0x1F;
        bool tier = (p[2] & 0x80) != 0, high = (p[2] & 0x40) != 0, twelve = (p[2] & 0x20) != 0;
        int depth = high ? (twelve ? 12 : 10) : 8;
        return string.Create(CultureInfo.InvariantCulture, $"av01.{profile}.{level:D2}{(tier ? 'H' : 'M')}.{depth:D2}");
    }

    /// <summary>mp4a.OO.A: object type indication and the AudioSpecificConfig's audio object type.</summary>
    public static string Mp4a(ReadOnlySpan<byte> d, BmffBox esds)
    {
        var p = d[(esds.PayloadOffset + 4)..esds.End];
        int i = 0;
        int oti = -1, aot = -1;
        while (i < p.Length)
        {
            int tag = p[i++];
            int len = 0;
            for (int k = 0; k < 4 && i < p.Length; k++)
            {
                byte b = p[i++];
                len = (len << 7) | (b & 0x7F);
                if ((b & 0x80) == 0) break;
            }
            if (tag == 0x03) { int flags = p[i + 2]; i += 3; if ((flags & 0x80) != 0) i += 2; if ((flags & 0x40) != 0) i += 1 + p[i]; if ((flags & 0x20) != 0) i += 2; continue; }
            if (tag == 0x04) { oti = p[i]; i += 13; continue; }
            if (tag == 0x05 && len > 0)
            {
                aot = p[i] >> 3;
                if (aot == 31 && len > 1) aot = 32 + (((p[i] & 0x07) << 3) | (p[i + 1] >> 5));
                break;
            }
            i += len;
        }
        if (oti < 0) throw new FormatException("esds lacks a DecoderConfigDescriptor.");
        return aot > 0 ? string.Create(CultureInfo.InvariantCulture, $"mp4a.{oti:x2}.{aot}") : string.Create(CultureInfo.InvariantCulture, $"mp4a.{oti:x2}");
    }
}
