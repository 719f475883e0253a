using Livepeer.Media.MpegTs;
using Livepeer.Media.Transcoding;
using Livepeer.Node.Orchestrator;

namespace Livepeer.Node.Transcoding;

/// <summary>
/// Transcodes on this machine with the media server's ffmpeg transcoder (one decode, one encode per profile); jobs that
/// ask for perceptual hashes go to <paramref name="withSignatures"/> (a transcoder that also computes MPEG-7 signatures).
/// </summary>
public sealed class LocalSegmentTranscoder(ITranscoder transcoder, ITranscoder? withSignatures = null) : ISegmentTranscoder
{
    /// <summary>The usual pair: ffmpeg, and ffmpeg computing MPEG-7 signatures for go-livepeer's calc_perceptual_hash.</summary>
    public static LocalSegmentTranscoder Ffmpeg() => new(new FfmpegTranscoder(), new FfmpegTranscoder(new FfmpegTranscoderOptions { ComputeSignatures = true }));

    /// <inheritdoc />
    public async Task<IReadOnlyList<TranscodedRendition>> TranscodeAsync(SegmentJob job, CancellationToken ct)
    {
        var segment = TsSegmentInfo.ToMediaSegment(job.ManifestId, job.Seq, job.Data);
        var result = await (job.CalcPerceptualHash && withSignatures is not null ? withSignatures : transcoder)
            .TranscodeAsync(segment, job.Profiles.Select(ProfileWire.FromProto).ToList(), ct);
        return result.Renditions.Select(r => new TranscodedRendition(r.Profile.Name, r.Data, r.Pixels, r.ContentType) { PerceptualHash = r.Signature }).ToList();
    }
}
