using Livepeer.Node.Orchestrator;
using Livepeer.Node.Tests.Network;

namespace Livepeer.Node.Tests.Observability;

/// <summary>A transcoder that answers every profile with the source segment itself (valid MPEG-TS the broadcaster can package), at once.</summary>
public sealed class EchoSegmentTranscoder : IOrchestratorTranscoder
{
    /// <inheritdoc />
    public Task<IReadOnlyList<TranscodedRendition>> TranscodeAsync(SegmentJob job, CancellationToken ct)
    {
        IReadOnlyList<TranscodedRendition> renditions = job.Profiles.Select(p => new TranscodedRendition(p.Name, job.Data,
            InstantSegmentTranscoder.PixelsOf(p.Width, p.Height, p.Fps == 0 ? 30 : (double)p.Fps / Math.Max(1u, p.FpsDen), job.Duration), "video/mp2t")).ToList();
        return Task.FromResult(renditions);
    }
}
