namespace Livepeer.Media.Transcoding;

/// <summary>
/// The container a rendition segment is written in. H.264 and HEVC go in MPEG-TS (what Livepeer and every HLS player
/// expect); VP9 and AV1 have no MPEG-TS mapping ffmpeg can write, so they go in fragmented MP4 (CMAF); VP8 has no MP4
/// mapping in ffmpeg 5.1, so it goes in WebM.
/// </summary>
public enum OutputContainer
{
    /// <summary>MPEG-TS (video/mp2t), with the source AAC audio copied.</summary>
    MpegTs,
    /// <summary>Fragmented MP4 (video/mp4): ftyp+moov(mvex)+moof+mdat, source AAC audio copied, tfdt = source DTS.</summary>
    Fmp4,
    /// <summary>WebM (video/webm), video only (WebM cannot carry the source AAC).</summary>
    WebM,
}
