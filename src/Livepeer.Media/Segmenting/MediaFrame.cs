namespace Livepeer.Media.Segmenting;

/// <summary>One elementary-stream frame ready for MPEG-TS: an Annex B access unit (with AUD, and parameter sets before an
/// IDR) or one ADTS AAC frame, with 90 kHz timestamps.</summary>
/// <param name="Kind">Video or audio.</param>
/// <param name="Pts">Presentation time, 90 kHz.</param>
/// <param name="Dts">Decode time, 90 kHz (equal to Pts for audio).</param>
/// <param name="Keyframe">An IDR/IRAP access unit (always false for audio).</param>
/// <param name="Data">The Annex B or ADTS bytes.</param>
/// <param name="Format">The track format this frame belongs to.</param>
public readonly record struct MediaFrame(MediaTrackKind Kind, long Pts, long Dts, bool Keyframe, ReadOnlyMemory<byte> Data, TrackFormat Format);
