namespace Livepeer.Media.Segmenting;

/// <summary>
/// One cut of a live stream: a self-contained MPEG-TS segment (PAT/PMT first, starting at an IDR when there is video)
/// as the segmenter emits it and the transcoder and playlists consume it.
/// </summary>
/// <param name="StreamName">The stream key / manifest id.</param>
/// <param name="Sequence">0-based sequence number within the stream.</param>
/// <param name="Data">The MPEG-TS bytes.</param>
/// <param name="StartPts">Presentation time of the first frame, in 90 kHz ticks.</param>
/// <param name="Duration">Duration in 90 kHz ticks.</param>
/// <param name="Discontinuity">True when timestamps or format changed since the previous segment.</param>
/// <param name="Tracks">What the segment carries.</param>
/// <param name="StartsWithKeyframe">False only when the segmenter had to force a cut without an IDR (a video stream whose
/// keyframes are further apart than the maximum segment duration); such a segment cannot be decoded on its own.</param>
public sealed record MediaSegment(
    string StreamName,
    long Sequence,
    ReadOnlyMemory<byte> Data,
    long StartPts,
    long Duration,
    bool Discontinuity,
    SegmentTracks Tracks,
    bool StartsWithKeyframe = true)
{
    /// <summary>Duration in milliseconds (rounded down).</summary>
    public long DurationMs => Duration / 90;

    /// <summary>Who transcodes it, stamped into each rendition's metadata (go-livepeer's "Livepeer Transcoder VERSION (ORCH)"); null stamps nothing.</summary>
    public string? ServiceProvider { get; init; }
}

/// <summary>The elementary streams in a segment.</summary>
/// <param name="VideoCodec">"h264", "hevc", or null when there is no video.</param>
/// <param name="AudioCodec">"aac", or null when there is no audio.</param>
/// <param name="Width">Video width in pixels, 0 if unknown or no video.</param>
/// <param name="Height">Video height in pixels, 0 if unknown or no video.</param>
public sealed record SegmentTracks(string? VideoCodec, string? AudioCodec, int Width = 0, int Height = 0);
