namespace Livepeer.Media.Codecs;

/// <summary>The fields of an HEVC sequence parameter set the ingest needs (ITU-T H.265 7.3.2.2).</summary>
/// <param name="ProfileIdc">general_profile_idc.</param>
/// <param name="LevelIdc">general_level_idc.</param>
/// <param name="Width">Conformance-window-cropped luma width.</param>
/// <param name="Height">Conformance-window-cropped luma height.</param>
public sealed record HevcSps(int ProfileIdc, int LevelIdc, int Width, int Height)
{
    /// <summary>Parses an SPS NAL unit (including its two-byte NAL header).</summary>
    public static HevcSps Parse(ReadOnlySpan<byte> nal)
    {
        if (nal.Length < 4 || ((nal[0] >> 1) & 0x3F) != 33) throw new CodecFormatException("Not an HEVC SPS NAL unit (type 33).");
        var r = new RbspBitReader(nal[2..]);
        r.Skip(4); // sps_video_parameter_set_id
        var maxSubLayersMinus1 = (int)r.ReadBits(3);
        r.Skip(1);
        // profile_tier_level(1, maxSubLayersMinus1)
        r.Skip(2 + 1);
        var profile = r.ReadBits(5);
        r.Skip(32 + 4 + 43 + 1);
        var level = r.ReadBits(8);
        var profilePresent = new bool[maxSubLayersMinus1];
        var levelPresent = new bool[maxSubLayersMinus1];
        for (var i = 0; i < maxSubLayersMinus1; i++)
        {
            profilePresent[i] = r.ReadBit() == 1;
            levelPresent[i] = r.ReadBit() == 1;
        }
        if (maxSubLayersMinus1 > 0)
        {
            for (var i = maxSubLayersMinus1; i < 8; i++) r.Skip(2);
        }
        for (var i = 0; i < maxSubLayersMinus1; i++)
        {
            if (profilePresent[i]) r.Skip(88);
            if (levelPresent[i]) r.Skip(8);
        }
        r.ReadUe(); // sps_seq_parameter_set_id
        var chroma = r.ReadUe();
        if (chroma == 3) r.ReadBit();
        var width = (long)r.ReadUe();
        var height = (long)r.ReadUe();
        if (r.ReadBit() == 1)
        {
            long subWidthC = chroma is 1 or 2 ? 2 : 1, subHeightC = chroma == 1 ? 2 : 1;
            long left = r.ReadUe(), right = r.ReadUe(), top = r.ReadUe(), bottom = r.ReadUe();
            width -= subWidthC * (left + right);
            height -= subHeightC * (top + bottom);
        }
        if (width <= 0 || height <= 0 || width > 16384 || height > 16384)
            throw new CodecFormatException($"HEVC SPS gives an impossible picture size {width}x{height}.");
        return new HevcSps((int)profile, (int)level, (int)width, (int)height);
    }
}
