using Livepeer.Media.MpegTs;
using Livepeer.Media.Transcoding;
using Livepeer.Node.Orchestrator;

namespace Livepeer.Node.Transcoding;

/// <summary>Transcodes on this machine with the media server's ffmpeg transcoder (one decode, one encode per profile).</summary>
public sealed class LocalSegmentTranscoder(ITranscoder transcoder) : ISegmentTranscoder
{
    /// <inheritdoc />
    public async Task<IReadOnlyList<TranscodedRendition>> TranscodeAsync(SegmentJob job, CancellationToken ct)
    {
        var segment = TsSegmentInfo.ToMediaSegment(job.ManifestId, job.Seq, job.Data);
        var result = await transcoder.TranscodeAsync(segment, job.Profiles.Select(ProfileWire.FromProto).ToList(), ct);
        return result.Renditions.Select(r => new TranscodedRendition(r.Profile.Name, r.Data, r.Pixels, r.ContentType)).ToList();
    }
}
