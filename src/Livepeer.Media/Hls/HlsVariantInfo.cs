namespace Livepeer.Media.Hls;

/// <summary>What the master playlist says about a variant, apart from the measured bandwidth.</summary>
/// <param name="Name">Rendition name; the variant playlist is at {Name}/index.m3u8.</param>
/// <param name="Width">Video width.</param>
/// <param name="Height">Video height.</param>
/// <param name="FrameRate">Frames per second (0 when unknown).</param>
/// <param name="Codecs">RFC 6381 codecs, e.g. "avc1.64001F,mp4a.40.2".</param>
public sealed record HlsVariantInfo(string Name, int Width, int Height, double FrameRate, string Codecs);
