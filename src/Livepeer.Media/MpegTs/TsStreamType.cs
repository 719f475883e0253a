namespace Livepeer.Media.MpegTs;

/// <summary>PMT stream_type values we write and read (ISO/IEC 13818-1 table 2-34).</summary>
public enum TsStreamType : byte
{
    Mpeg1Audio = 0x03,
    Mpeg2Audio = 0x04,
    AacAdts = 0x0F,
    H264 = 0x1B,
    Hevc = 0x24,
}
