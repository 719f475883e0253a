namespace Livepeer.Media.Verification;

/// <summary>Which verification check a rendition failed.</summary>
public enum VerificationCheck
{
    /// <summary>The rendition does not decode (corrupt, truncated, no video, wrong codec, or the decoder timed out).</summary>
    Decode,
    /// <summary>The decoded frames are not the profile's width x height.</summary>
    Resolution,
    /// <summary>The decoded frame rate is not the profile's.</summary>
    FrameRate,
    /// <summary>Measured pixels (width x height x frames) differ from what the orchestrator claimed and charged.</summary>
    Pixels,
    /// <summary>The picture does not match the reference (the source scaled to the profile): wrong content or a passing overlay.</summary>
    Perceptual,
    /// <summary>Black frames where the reference has picture.</summary>
    BlackFrames,
    /// <summary>Repeated (frozen) frames where the reference moves.</summary>
    FrozenFrames,
    /// <summary>Audio missing, or not the source's audio.</summary>
    Audio,
    /// <summary>One region of the picture is persistently brighter or darker than the reference: a watermark, logo or burned-in text.</summary>
    LocalDifference,
}
