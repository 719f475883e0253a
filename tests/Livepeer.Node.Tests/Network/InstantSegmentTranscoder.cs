using Livepeer.Node.Orchestrator;

namespace Livepeer.Node.Tests.Network;

/// <summary>
/// An orchestrator-side transcoder that answers at once: each rendition is the input bytes tagged with the profile name,
/// charged for width × height × frames, so many segments run in a few seconds.
/// </summary>
/// <param name="extraFrames">Frames each rendition has beyond the broadcaster's estimate (ffmpeg's frame counts vary a little).</param>
public sealed class InstantSegmentTranscoder(int extraFrames = 0) : IOrchestratorTranscoder
{
    private long _jobs;

    /// <summary>Segments handled.</summary>
    public long Jobs => Interlocked.Read(ref _jobs);

    /// <inheritdoc />
    public Task<IReadOnlyList<TranscodedRendition>> TranscodeAsync(SegmentJob job, CancellationToken ct)
    {
        Interlocked.Increment(ref _jobs);
        IReadOnlyList<TranscodedRendition> renditions = job.Profiles.Select(p => new TranscodedRendition(p.Name,
            [.. System.Text.Encoding.UTF8.GetBytes(p.Name), .. job.Data], PixelsOf(p.Width, p.Height, p.Fps == 0 ? 30 : (double)p.Fps / Math.Max(1u, p.FpsDen), job.Duration) + (long)p.Width * p.Height * extraFrames, "video/mp2t")).ToList();
        return Task.FromResult(renditions);
    }

    /// <summary>The pixels a broadcaster expects for a profile over a duration: width × height × ceil(fps × seconds).</summary>
    public static long PixelsOf(int width, int height, double fps, TimeSpan duration) =>
        (long)width * height * (long)Math.Ceiling(fps * duration.TotalSeconds);
}
