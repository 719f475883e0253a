using Livepeer.Media.Codecs;
using Livepeer.Media.Profiles;
using Livepeer.Media.Segmenting;
using Livepeer.Media.Transcoding;

namespace Livepeer.Media.Tests.Verification;

/// <summary>
/// Every verification clip's segments transcoded once by the real <see cref="FfmpegTranscoder"/> into a ladder of H.264 and
/// HEVC renditions at two sizes and two frame rates: 7 contents x 8 segments x 4 renditions = 224 honest renditions.
/// </summary>
public sealed class AccuracyCorpus
{
    public static readonly VideoProfile[] Ladder =
    [
        new("h264_144p30", 256, 144, 250_000, 30, 1, 1, VideoCodec.H264),
        new("h264_90p15", 160, 90, 120_000, 15, 1, 1, VideoCodec.H264),
        new("hevc_144p30", 256, 144, 200_000, 30, 1, 1, VideoCodec.Hevc),
        new("hevc_90p15", 160, 90, 100_000, 15, 1, 1, VideoCodec.Hevc),
    ];

    private readonly Lazy<Task<IReadOnlyList<TranscodeResult>>> _results = new(TranscodeAllAsync);

    /// <summary>All transcodes, clip by clip, segment by segment.</summary>
    public Task<IReadOnlyList<TranscodeResult>> ResultsAsync() => _results.Value;

    /// <summary>The transcode of segment <paramref name="seq"/> of clip <paramref name="kind"/>.</summary>
    public async Task<TranscodeResult> ResultAsync(string kind, long seq) =>
        (await ResultsAsync()).Single(r => r.Source.StreamName == kind && r.Source.Sequence == seq);

    private static async Task<IReadOnlyList<TranscodeResult>> TranscodeAllAsync()
    {
        // Building the corpus is not a real-time test: a generous limit, so a loaded machine slows it instead of failing it.
        var transcoder = new FfmpegTranscoder(new FfmpegTranscoderOptions { Timeout = TimeSpan.FromSeconds(120) });
        var segments = VerificationClips.Kinds.Keys.SelectMany(VerificationClips.Segments).ToList();
        var results = new TranscodeResult[segments.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, segments.Count), new ParallelOptions { MaxDegreeOfParallelism = 2 },
            async (i, ct) => results[i] = await transcoder.TranscodeAsync(segments[i], Ladder, ct));
        return results;
    }

    /// <summary>All segments of all clips.</summary>
    public static IEnumerable<MediaSegment> Segments => VerificationClips.Kinds.Keys.SelectMany(VerificationClips.Segments);
}
