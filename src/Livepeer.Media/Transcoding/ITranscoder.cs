using Livepeer.Media.Profiles;
using Livepeer.Media.Segmenting;

namespace Livepeer.Media.Transcoding;

/// <summary>Turns one source segment into one segment per profile (local ffmpeg now; a remote transcoder later).</summary>
public interface ITranscoder
{
    /// <summary>Transcodes <paramref name="segment"/> into each profile; throws <see cref="TranscodeException"/> on failure.</summary>
    Task<TranscodeResult> TranscodeAsync(MediaSegment segment, IReadOnlyList<VideoProfile> profiles, CancellationToken cancellationToken = default);
}
