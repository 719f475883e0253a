namespace Livepeer.Media.Codecs;

/// <summary>The video codecs a rendition can be encoded with; every fact about each is in <see cref="CodecTable"/>.</summary>
public enum VideoCodec
{
    /// <summary>H.264 / AVC (libx264).</summary>
    H264,
    /// <summary>H.265 / HEVC (libx265).</summary>
    Hevc,
    /// <summary>VP8 (libvpx).</summary>
    Vp8,
    /// <summary>VP9 (libvpx-vp9).</summary>
    Vp9,
    /// <summary>AV1 (libsvtav1).</summary>
    Av1,
}
