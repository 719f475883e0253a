namespace Livepeer.Media.Codecs;

/// <summary>Video codecs the ingest carries into MPEG-TS.</summary>
public enum VideoCodec
{
    H264,
    Hevc,
}
