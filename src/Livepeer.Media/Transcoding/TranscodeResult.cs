using Livepeer.Media.Segmenting;

namespace Livepeer.Media.Transcoding;

/// <summary>The renditions of one source segment, in profile order.</summary>
/// <param name="Source">The segment that was transcoded.</param>
/// <param name="Renditions">One entry per requested profile, same order.</param>
/// <param name="Elapsed">Wall-clock time the transcode took.</param>
public sealed record TranscodeResult(MediaSegment Source, IReadOnlyList<RenditionSegment> Renditions, TimeSpan Elapsed)
{
    /// <summary>Total pixels over all renditions.</summary>
    public long TotalPixels => Renditions.Sum(r => r.Pixels);
}
