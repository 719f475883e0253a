using Livepeer.Node.Orchestrator;

namespace Livepeer.Node.Bench.Network;

/// <summary>An orchestrator-side transcoder that returns at once (each rendition is the input), so only the network overhead is timed.</summary>
public sealed class InstantTranscoder : ISegmentTranscoder
{
    /// <inheritdoc />
    public Task<IReadOnlyList<TranscodedRendition>> TranscodeAsync(SegmentJob job, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<TranscodedRendition>>(job.Profiles.Select(p => new TranscodedRendition(p.Name, job.Data, (long)p.Width * p.Height * 60, "video/mp2t")).ToList());
}
