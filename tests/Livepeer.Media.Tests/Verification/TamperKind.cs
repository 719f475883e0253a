namespace Livepeer.Media.Tests.Verification;

/// <summary>Ways a dishonest orchestrator can tamper with a rendition (see <see cref="Tamper"/>).</summary>
public enum TamperKind
{
    /// <summary>A filled box over a ninth of the picture on a quarter of the frames.</summary>
    Overlay,
    /// <summary>A third of the frames replaced by black.</summary>
    BlackPart,
    /// <summary>Every frame black.</summary>
    BlackAll,
    /// <summary>Half the frames frozen on one frame.</summary>
    Frozen,
    /// <summary>Another stream's video (the same segment of a different clip, honestly transcoded).</summary>
    WrongContent,
    /// <summary>An opaque white box of about 5% of the picture in the bottom-right corner on every frame.</summary>
    Watermark,
    /// <summary>A 70%-opacity white box of about 5% of the picture in the top-left corner on every frame.</summary>
    WatermarkTranslucent,
    /// <summary>White text burned into the bottom-left corner on every frame (drawtext, the system's default font).</summary>
    BurnedInText,
    /// <summary>The audio replaced by a different sine tone.</summary>
    SwappedAudioTone,
    /// <summary>The audio replaced by noise.</summary>
    SwappedAudioNoise,
    /// <summary>The audio dropped.</summary>
    MissingAudio,
    /// <summary>Encoded at half the profile's width and height, charged at full size.</summary>
    WrongResolution,
    /// <summary>Encoded at half the profile's frame rate, charged at full rate.</summary>
    WrongFrameRate,
    /// <summary>The honest rendition, with 10% more pixels claimed.</summary>
    InflatedPixels,
}
