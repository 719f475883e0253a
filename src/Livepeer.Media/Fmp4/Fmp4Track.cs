namespace Livepeer.Media.Fmp4;

/// <summary>A track described by a CMAF init segment.</summary>
/// <param name="TrackId">tkhd track_ID.</param>
/// <param name="Handler">"vide" or "soun".</param>
/// <param name="Timescale">mdhd timescale (ticks per second).</param>
/// <param name="SampleEntry">Sample entry four-cc, e.g. avc1, hvc1, vp09, av01, mp4a.</param>
/// <param name="Codec">RFC 6381 codecs string, e.g. avc1.64001F.</param>
/// <param name="Width">Visual width (0 for audio).</param>
/// <param name="Height">Visual height (0 for audio).</param>
/// <param name="SampleRate">Audio sample rate (0 for video).</param>
/// <param name="DefaultSampleDuration">trex default_sample_duration.</param>
public sealed record Fmp4Track(uint TrackId, string Handler, uint Timescale, string SampleEntry, string Codec, int Width, int Height, int SampleRate, uint DefaultSampleDuration);
