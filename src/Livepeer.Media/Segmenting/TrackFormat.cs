namespace Livepeer.Media.Segmenting;

/// <summary>The format of one elementary stream; a change of format starts a new segment with a discontinuity.</summary>
/// <param name="Codec">"h264", "hevc" or "aac".</param>
/// <param name="Width">Video width (0 for audio).</param>
/// <param name="Height">Video height (0 for audio).</param>
/// <param name="SampleRate">Audio sampling rate (0 for video).</param>
/// <param name="Channels">Audio channel configuration (0 for video).</param>
public sealed record TrackFormat(string Codec, int Width = 0, int Height = 0, int SampleRate = 0, int Channels = 0);
