using Livepeer.Media.Segmenting;
using Livepeer.Media.Transcoding;

namespace Livepeer.Media.Tests.Transcoding;

/// <summary>Assertions shared by the session tests (kept out of TestMedia, which the verification benchmark compiles without xunit).</summary>
internal static class SourceBoundaries
{
    /// <summary>
    /// Asserts that rendition <paramref name="rendition"/> of each result is cut at its source segment's boundaries (same
    /// sequence, start and duration within a frame of <paramref name="frameSeconds"/>), continues the previous one's timestamps
    /// and opens on a keyframe.
    /// </summary>
    public static async Task AssertCut(IReadOnlyList<MediaSegment> source, IReadOnlyList<TranscodeResult> results, int rendition, double frameSeconds)
    {
        double previousEnd = double.NaN;
        for (int i = 0; i < source.Count; i++)
        {
            Assert.Equal(source[i].Sequence, results[i].Source.Sequence);
            var path = Path.Combine(TestMedia.Root, $"cut-{Guid.NewGuid():N}.ts");
            await File.WriteAllBytesAsync(path, results[i].Renditions[rendition].Data);
            var (start, duration) = TestMedia.VideoStartAndDuration(path);
            double srcStart = source[i].StartPts / 90000.0, srcDuration = source[i].Duration / 90000.0;
            Assert.InRange(start, srcStart - frameSeconds / 2, srcStart + frameSeconds / 2);
            Assert.InRange(duration, srcDuration - frameSeconds, srcDuration + frameSeconds);
            if (!double.IsNaN(previousEnd)) Assert.InRange(start, previousEnd - frameSeconds / 2, previousEnd + frameSeconds / 2);
            previousEnd = start + duration;
            Assert.Equal("K", TestMedia.FirstVideoPacketFlags(path)[..1]);
        }
    }
}
