using Livepeer.Media.Dash;
using Livepeer.Media.Fmp4;
using Livepeer.Media.Hls;
using Livepeer.Media.Profiles;
using Livepeer.Media.Segmenting;
using Livepeer.Media.Transcoding;

namespace Livepeer.Media.Pipeline;

/// <summary>
/// Source segments in, HLS and DASH out: each segment is published as the source rendition at once, then transcoded into
/// the ladder and each rendition appended to its HLS variant playlist and DASH representation. Segments are processed in
/// arrival order; a failed segment leaves a discontinuity in the renditions, never a broken stream.
/// </summary>
public sealed class LivePipeline
{
    /// <summary>The HLS/DASH name of the untranscoded rendition.</summary>
    public const string SourceName = "source";

    /// <summary>The DASH representation id of the audio track.</summary>
    public const string AudioName = "audio";

    private readonly ITranscoder _transcoder;
    private readonly CmafPackager _packager;
    private readonly HlsStream _hls;
    private readonly DashStream _dash;
    private readonly SemaphoreSlim _order = new(1, 1);
    private readonly Dictionary<string, long> _lastPublished = new(StringComparer.Ordinal);
    private readonly Dictionary<string, byte[]> _hlsInit = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _lastInitSeq = new(StringComparer.Ordinal);
    private long _errors;

    /// <summary>Creates the pipeline for one stream.</summary>
    public LivePipeline(string streamName, IReadOnlyList<VideoProfile> profiles, ITranscoder transcoder, CmafPackager packager, HlsStreamStore hls, DashStreamStore dash)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(streamName);
        VideoProfileParser.Validate(profiles);
        StreamName = streamName;
        Profiles = profiles;
        _transcoder = transcoder;
        _packager = packager;
        _hls = hls.GetOrCreate(streamName);
        _dash = dash.GetOrCreate(streamName);
    }

    /// <summary>Stream name.</summary>
    public string StreamName { get; }

    /// <summary>The ladder.</summary>
    public IReadOnlyList<VideoProfile> Profiles { get; }

    /// <summary>Segments whose renditions failed.</summary>
    public long Errors => Interlocked.Read(ref _errors);

    /// <summary>Publishes the source, transcodes and publishes the renditions. Never throws for bad media; see <see cref="PipelineResult.Error"/>.</summary>
    public async Task<PipelineResult> AddSegmentAsync(MediaSegment segment, CancellationToken cancellationToken = default)
    {
        await _order.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            double seconds = segment.Duration / 90000.0;
            bool hevc = segment.Tracks.VideoCodec == "hevc";
            var jobs = new List<CmafPackager.Job> { new(segment.Data, "ts", Audio: false, hevc) };
            bool audio = segment.Tracks.AudioCodec == "aac";
            if (audio) jobs.Add(new(segment.Data, "ts", Audio: true));
            IReadOnlyList<Fmp4Segment> source;
            try { source = await _packager.PackageAsync(jobs, cancellationToken).ConfigureAwait(false); }
            catch (TranscodeException e) { return Fail(segment, null, e); }

            var video = source[0];
            var audioFrag = audio ? source[1] : null;
            string audioCodec = audioFrag?.Audio?.Codec ?? "";
            _dash.SetOrigin(Math.Min(Start(video), audioFrag is null ? double.MaxValue : Start(audioFrag)));
            Publish(SourceName, segment, () =>
            {
                var v = video.Video!;
                _hls.SetVariant(new HlsVariantInfo(SourceName, v.Width, v.Height, video.VideoFrameRate, Join(v.Codec, audioCodec)));
                _hls.AddSegment(SourceName, $"{segment.Sequence}.ts", seconds, Discontinuous(SourceName, segment), segment.Data, "video/mp2t");
                _dash.AddSegment(SourceName, video, video.VideoFrameRate);
                if (audioFrag is not null) _dash.AddSegment(AudioName, audioFrag);
            });

            TranscodeResult result;
            try { result = await _transcoder.TranscodeAsync(segment, Profiles, cancellationToken).ConfigureAwait(false); }
            catch (TranscodeException e) { return Fail(segment, null, e); }

            var renditionJobs = new List<(RenditionSegment R, int Job)>();
            var packJobs = new List<CmafPackager.Job>();
            foreach (var r in result.Renditions)
            {
                if (r.Container == OutputContainer.WebM) continue; // VP8: no MP4/TS mapping; available from the transcoder only
                renditionJobs.Add((r, packJobs.Count));
                packJobs.Add(new(r.Data, r.Extension, Audio: false, r.Profile.Codec == VideoCodec.Hevc));
            }
            IReadOnlyList<Fmp4Segment> packed;
            try { packed = await _packager.PackageAsync(packJobs, cancellationToken).ConfigureAwait(false); }
            catch (TranscodeException e) { return Fail(segment, result, e); }

            Exception? firstError = null;
            foreach (var (r, job) in renditionJobs)
            {
                var name = r.Profile.Name;
                var frag = packed[job];
                try
                {
                    Publish(name, segment, () =>
                    {
                        bool disc = Discontinuous(name, segment);
                        if (r.Container == OutputContainer.MpegTs)
                        {
                            _hls.SetVariant(new HlsVariantInfo(name, r.Profile.Width, r.Profile.Height, frag.VideoFrameRate, Join(frag.Video!.Codec, audioCodec)));
                            _hls.AddSegment(name, $"{segment.Sequence}.ts", seconds, disc, r.Data, r.ContentType);
                        }
                        else
                        {
                            var own = Fmp4Segment.Parse(r.Data); // video + audio, for HLS
                            var codecs = Join(own.Video!.Codec, own.Audio?.Codec ?? "");
                            _hls.SetVariant(new HlsVariantInfo(name, r.Profile.Width, r.Profile.Height, own.VideoFrameRate, codecs));
                            string mapUri;
                            if (_hlsInit.TryGetValue(name, out var init) && init.AsSpan().SequenceEqual(own.Init))
                                mapUri = $"init{_lastInitSeq[name]}.mp4";
                            else
                            {
                                mapUri = $"init{segment.Sequence}.mp4";
                                _lastInitSeq[name] = segment.Sequence;
                                _hlsInit[name] = own.Init;
                                _hls.AddInit(name, mapUri, own.Init);
                            }
                            _hls.AddSegment(name, $"{segment.Sequence}.m4s", seconds, disc, own.Media, "video/mp4", mapUri);
                        }
                        _dash.AddSegment(name, frag, frag.VideoFrameRate);
                    });
                }
                catch (Exception e) when (e is HlsException or FormatException or ArgumentException or InvalidOperationException)
                {
                    firstError ??= e;
                }
            }
            if (firstError is not null) return Fail(segment, result, firstError);
            return new PipelineResult(segment, result, null);
        }
        finally { _order.Release(); }
    }

    /// <summary>Ends the stream: HLS playlists get EXT-X-ENDLIST and the MPD turns static.</summary>
    public void End()
    {
        _hls.End();
        _dash.End();
    }

    private void Publish(string name, MediaSegment segment, Action publish)
    {
        publish();
        _lastPublished[name] = segment.Sequence;
    }

    // A rendition that skipped segments (failed transcode) or a source discontinuity needs EXT-X-DISCONTINUITY.
    private bool Discontinuous(string name, MediaSegment segment) =>
        segment.Discontinuity || (_lastPublished.TryGetValue(name, out var last) && last != segment.Sequence - 1);

    private PipelineResult Fail(MediaSegment segment, TranscodeResult? result, Exception e)
    {
        Interlocked.Increment(ref _errors);
        return new PipelineResult(segment, result, e);
    }

    private static double Start(Fmp4Segment f)
    {
        var t = f.Tracks[0];
        return (double)f.BaseDecodeTime[t.TrackId] / t.Timescale;
    }

    private static string Join(string video, string audio) => audio.Length == 0 ? video : $"{video},{audio}";
}
