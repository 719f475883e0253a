namespace Livepeer.Media.Codecs;

/// <summary>The fields of an H.264 sequence parameter set the ingest needs (ITU-T H.264 7.3.2.1.1).</summary>
/// <param name="ProfileIdc">profile_idc.</param>
/// <param name="LevelIdc">level_idc.</param>
/// <param name="Width">Cropped luma width in pixels.</param>
/// <param name="Height">Cropped luma height in pixels.</param>
public sealed record H264Sps(int ProfileIdc, int LevelIdc, int Width, int Height)
{
    private static readonly HashSet<uint> HighProfiles = [100, 110, 122, 244, 44, 83, 86, 118, 128, 138, 139, 134, 135];

    /// <summary>Parses an SPS NAL unit (including its one-byte NAL header).</summary>
    public static H264Sps Parse(ReadOnlySpan<byte> nal)
    {
        if (nal.Length < 4 || (nal[0] & 0x1F) != 7) throw new CodecFormatException("Not an H.264 SPS NAL unit (type 7).");
        var r = new RbspBitReader(nal[1..]);
        var profile = r.ReadBits(8);
        r.Skip(8); // constraint flags
        var level = r.ReadBits(8);
        r.ReadUe(); // seq_parameter_set_id
        uint chroma = 1;
        var separateColourPlane = false;
        if (HighProfiles.Contains(profile))
        {
            chroma = r.ReadUe();
            if (chroma == 3) separateColourPlane = r.ReadBit() == 1;
            r.ReadUe(); // bit_depth_luma_minus8
            r.ReadUe(); // bit_depth_chroma_minus8
            r.ReadBit(); // qpprime_y_zero_transform_bypass_flag
            if (r.ReadBit() == 1)
            {
                var lists = chroma != 3 ? 8 : 12;
                for (var i = 0; i < lists; i++)
                {
                    if (r.ReadBit() == 0) continue;
                    var size = i < 6 ? 16 : 64;
                    int last = 8, next = 8;
                    for (var j = 0; j < size; j++)
                    {
                        if (next != 0) next = (last + r.ReadSe() + 256) % 256;
                        last = next == 0 ? last : next;
                    }
                }
            }
        }
        r.ReadUe(); // log2_max_frame_num_minus4
        var pocType = r.ReadUe();
        if (pocType == 0)
        {
            r.ReadUe();
        }
        else if (pocType == 1)
        {
            r.ReadBit();
            r.ReadSe();
            r.ReadSe();
            var cycle = r.ReadUe();
            if (cycle > 255) throw new CodecFormatException("H.264 SPS num_ref_frames_in_pic_order_cnt_cycle exceeds 255.");
            for (var i = 0; i < cycle; i++) r.ReadSe();
        }
        r.ReadUe(); // max_num_ref_frames
        r.ReadBit(); // gaps_in_frame_num_value_allowed_flag
        var widthMbs = r.ReadUe() + 1;
        var heightMapUnits = r.ReadUe() + 1;
        var frameMbsOnly = r.ReadBit();
        if (frameMbsOnly == 0) r.ReadBit();
        r.ReadBit(); // direct_8x8_inference_flag
        uint cropLeft = 0, cropRight = 0, cropTop = 0, cropBottom = 0;
        if (r.ReadBit() == 1)
        {
            cropLeft = r.ReadUe();
            cropRight = r.ReadUe();
            cropTop = r.ReadUe();
            cropBottom = r.ReadUe();
        }
        var chromaArrayType = separateColourPlane ? 0u : chroma;
        uint subWidthC = chroma == 3 ? 1u : 2u, subHeightC = chroma == 1 ? 2u : 1u;
        var cropUnitX = chromaArrayType == 0 ? 1u : subWidthC;
        var cropUnitY = (chromaArrayType == 0 ? 1u : subHeightC) * (2 - frameMbsOnly);
        var width = (long)widthMbs * 16 - cropUnitX * (cropLeft + cropRight);
        var height = (long)(2 - frameMbsOnly) * heightMapUnits * 16 - cropUnitY * (cropTop + cropBottom);
        if (width <= 0 || height <= 0 || width > 16384 || height > 16384)
            throw new CodecFormatException($"H.264 SPS gives an impossible picture size {width}x{height}.");
        return new H264Sps((int)profile, (int)level, (int)width, (int)height);
    }
}
