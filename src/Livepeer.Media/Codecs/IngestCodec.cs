namespace Livepeer.Media.Codecs;

/// <summary>The video codecs ingest (RTMP/FLV and MPEG-TS) carries: Annex B codecs with parameter sets; facts in <see cref="IngestCodecTable"/>.</summary>
public enum IngestCodec
{
    /// <summary>H.264 / AVC.</summary>
    H264,
    /// <summary>H.265 / HEVC.</summary>
    Hevc,
}
