namespace Livepeer.Wire.Compatibility;

/// <summary>
/// Capability numbers: go-livepeer's (core/capabilities.go, append-only; bit n of a bitstring is bit n % 64 of word n / 64),
/// and this project's own in a range go-livepeer does not use, for features only our nodes have.
/// </summary>
public enum Capability
{
    /// <summary>H.264 decode and encode.</summary>
    H264 = 0,
    /// <summary>MPEG-TS output.</summary>
    MpegTs = 1,
    /// <summary>MP4 output.</summary>
    Mp4 = 2,
    /// <summary>Frame rates with a denominator.</summary>
    FractionalFramerates = 3,
    /// <summary>Direct storage (the orchestrator hosts renditions).</summary>
    StorageDirect = 4,
    /// <summary>S3 storage.</summary>
    StorageS3 = 5,
    /// <summary>Google Cloud Storage.</summary>
    StorageGcs = 6,
    /// <summary>H.264 baseline profile.</summary>
    ProfileH264Baseline = 7,
    /// <summary>H.264 main profile.</summary>
    ProfileH264Main = 8,
    /// <summary>H.264 high profile.</summary>
    ProfileH264High = 9,
    /// <summary>H.264 constrained high profile.</summary>
    ProfileH264ConstrainedHigh = 10,
    /// <summary>A GOP length per profile.</summary>
    Gop = 11,
    /// <summary>Auth tokens: mandatory for go-livepeer orchestrators.</summary>
    AuthToken = 12,
    /// <summary>MPEG-7 video signatures (go's fast verification).</summary>
    Mpeg7VideoSignature = 14,
    /// <summary>HEVC decode.</summary>
    HevcDecode = 15,
    /// <summary>HEVC encode.</summary>
    HevcEncode = 16,
    /// <summary>VP8 decode.</summary>
    Vp8Decode = 17,
    /// <summary>VP9 decode.</summary>
    Vp9Decode = 18,
    /// <summary>VP8 encode.</summary>
    Vp8Encode = 19,
    /// <summary>VP9 encode.</summary>
    Vp9Encode = 20,
    /// <summary>Segment slicing (SegData.segment_parameters).</summary>
    SegmentSlicing = 26,

    /// <summary>This project: AV1 encode (go-livepeer has no AV1).</summary>
    Av1Encode = 960,
    /// <summary>This project: WebM output (VP8 renditions).</summary>
    WebM = 961,
    /// <summary>This project: results carry the segment claim (TranscodeData.claim_sig) that verification and slashing use.</summary>
    SegmentClaim = 962,
}
