using Livepeer.Media.Profiles;
using Livepeer.Media.Segmenting;

namespace Livepeer.Media.Transcoding;

/// <summary>The media pipeline's transcoder (broadcaster, media server): one source segment into one segment per profile, by local ffmpeg or through orchestrators.</summary>
public interface ITranscoder
{
    /// <summary>Transcodes <paramref name="segment"/> into each profile; throws <see cref="TranscodeException"/> on failure.</summary>
    Task<TranscodeResult> TranscodeAsync(MediaSegment segment, IReadOnlyList<VideoProfile> profiles, CancellationToken cancellationToken = default);
}
