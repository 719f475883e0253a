using Livepeer.Node.Orchestrator;

namespace Livepeer.Node.Bench.Network;

/// <summary>
/// An orchestrator-side transcoder that returns at once, so only the network overhead is timed. Each rendition is a
/// slice of the input as large as the profile's bitrate makes it (bitrate × duration / 8), like a real rendition.
/// </summary>
public sealed class InstantTranscoder : IOrchestratorTranscoder
{
    /// <inheritdoc />
    public Task<IReadOnlyList<TranscodedRendition>> TranscodeAsync(SegmentJob job, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<TranscodedRendition>>(job.Profiles.Select(p => new TranscodedRendition(p.Name,
            job.Data[..(int)Math.Min(job.Data.Length, (long)(p.Bitrate * job.Duration.TotalSeconds / 8))], (long)p.Width * p.Height * 60, "video/mp2t")).ToList());
}
