using Livepeer.Media.Codecs;
using Livepeer.Media.Dash;
using Livepeer.Media.Fmp4;
using Livepeer.Media.Hls;
using Livepeer.Media.Profiles;
using Livepeer.Media.Segmenting;
using Livepeer.Media.Transcoding;

namespace Livepeer.Media.Pipeline;

/// <summary>
/// Source segments in, HLS and DASH out, in two ordered stages: (1) the source rendition is packaged and published at
/// once; (2) the segment is transcoded into the ladder and each rendition appended to its HLS variant playlist and DASH
/// representation. Segment N+1's source is published while N is still transcoding; both stages keep arrival order.
/// A failed segment leaves a discontinuity in the renditions, never a broken stream. After a source timestamp
/// discontinuity HLS gets EXT-X-DISCONTINUITY and the DASH timeline is kept continuous by shifting tfdt.
/// HLS variants are all MPEG-TS when every rendition is H.264/HEVC; when the ladder has VP9/AV1 (fMP4) renditions, every HLS
/// variant, the source included, is fMP4, because players (hls.js) cannot switch between TS and fMP4 variants of different codecs.
/// </summary>
public sealed class LivePipeline
{
    /// <summary>The HLS/DASH name of the untranscoded rendition.</summary>
    public const string SourceName = "source";

    /// <summary>The DASH representation id of the audio track.</summary>
    public const string AudioName = "audio";

    /// <summary>A start this far from where the previous segment ended counts as a timestamp jump even if not flagged.</summary>
    public static readonly TimeSpan JumpThreshold = TimeSpan.FromSeconds(1);

    private readonly ITranscoder _transcoder;
    private readonly CmafPackager _packager;
    private readonly HlsStreamStore _hlsStore;
    private readonly DashStreamStore _dashStore;
    private readonly HlsStream _hls;
    private readonly DashStream _dash;
    private readonly string _prefix;
    private readonly SemaphoreSlim _sourceStage = new(1, 1);
    private readonly object _gate = new();
    private readonly Dictionary<string, long> _lastPublished = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (byte[] Init, string Uri)> _hlsInit = new(StringComparer.Ordinal);
    private Task _renditionStageTail = Task.CompletedTask;
    private double? _expectedSourceEnd;
    private double _dashOffset;
    private long _errors;
    private readonly int _maxPendingTranscodes;
    private int _pendingTranscodes;

    /// <summary>Creates the pipeline for one stream.</summary>
    /// <param name="streamName">Stream name (key in the HLS and DASH stores).</param>
    /// <param name="profiles">The ladder.</param>
    /// <param name="transcoder">Local or remote transcoder.</param>
    /// <param name="packager">CMAF remuxer.</param>
    /// <param name="hls">Where HLS output goes.</param>
    /// <param name="dash">Where DASH output goes.</param>
    /// <param name="maxPendingTranscodes">Segments allowed to wait for or be in transcoding; beyond that a segment's source is still
    /// published but its renditions are skipped (<see cref="PipelineOverloadedException"/>), so a slow transcoder cannot build an
    /// unbounded backlog and live latency stays bounded.</param>
    /// <param name="publishId">For a live publish: the stream starts afresh in both stores (replacing an earlier publish of the
    /// same name) and every file name starts with this id, so no segment URL, served as cacheable, is ever reused by a later
    /// publish or after a restart. Null: append to the stores' current stream, files named by sequence alone.</param>
    public LivePipeline(string streamName, IReadOnlyList<VideoProfile> profiles, ITranscoder transcoder, CmafPackager packager, HlsStreamStore hls, DashStreamStore dash,
        int maxPendingTranscodes = 4, string? publishId = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(streamName);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPendingTranscodes, 1);
        _maxPendingTranscodes = maxPendingTranscodes;
        VideoProfileParser.Validate(profiles);
        StreamName = streamName;
        _profiles = profiles;
        _transcoder = transcoder;
        _packager = packager;
        (_hlsStore, _dashStore) = (hls, dash);
        _prefix = publishId is null ? "" : publishId + "-";
        _hls = publishId is null ? hls.GetOrCreate(streamName) : hls.StartNew(streamName);
        _dash = publishId is null ? dash.GetOrCreate(streamName) : dash.StartNew(streamName, _prefix);
        HlsUsesFmp4 = profiles.Any(p => FfmpegCommand.ContainerFor(p.Codec) == OutputContainer.Fmp4);
    }

    /// <summary>True when every HLS variant is served as fMP4 (the ladder has VP9/AV1 renditions).</summary>
    public bool HlsUsesFmp4 { get; }

    /// <summary>Stream name.</summary>
    public string StreamName { get; }

    private IReadOnlyList<VideoProfile> _profiles;

    /// <summary>The ladder segments are transcoded into (<see cref="SetProfiles"/> changes it while the stream runs).</summary>
    public IReadOnlyList<VideoProfile> Profiles => Volatile.Read(ref _profiles);

    /// <summary>
    /// Changes the ladder for the segments whose renditions are made from now on; the stream keeps running. The HLS variants
    /// must stay in one container family (all TS, or all fMP4 when the ladder has VP9/AV1), since players cannot switch
    /// between them: a ladder that would change it throws <see cref="ArgumentException"/>.
    /// </summary>
    public void SetProfiles(IReadOnlyList<VideoProfile> profiles)
    {
        VideoProfileParser.Validate(profiles);
        if (profiles.Any(p => FfmpegCommand.ContainerFor(p.Codec) == OutputContainer.Fmp4) != HlsUsesFmp4)
            throw new ArgumentException(HlsUsesFmp4
                ? "This stream's HLS is fMP4 (its ladder has VP9/AV1); the new ladder must keep a VP9/AV1 rendition. It applies to the stream's next publish."
                : "This stream's HLS is MPEG-TS; a ladder with VP9/AV1 renditions would need fMP4 variants. It applies to the stream's next publish.", nameof(profiles));
        Volatile.Write(ref _profiles, profiles);
    }

    /// <summary>Segments whose source or renditions failed.</summary>
    public long Errors => Interlocked.Read(ref _errors);

    /// <summary>Publishes the source, transcodes and publishes the renditions. Never throws for bad media; see <see cref="PipelineResult.Error"/>.</summary>
    public async Task<PipelineResult> AddSegmentAsync(MediaSegment segment, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(segment);
        Task previous = Task.CompletedTask;
        TaskCompletionSource mine = new(TaskCreationOptions.RunContinuationsAsynchronously);
        (string AudioCodec, double Offset)? source;
        bool admitted = false;
        await _sourceStage.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Take the rendition-stage ticket while still holding the source stage, so stage 2 runs in arrival order too.
            lock (_gate)
            {
                admitted = segment.Tracks.VideoCodec is not null && _pendingTranscodes < _maxPendingTranscodes;
                if (admitted)
                {
                    _pendingTranscodes++;
                    previous = _renditionStageTail;
                    _renditionStageTail = mine.Task;
                }
            }
            source = await PublishSourceAsync(segment, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is TranscodeException or HlsException or FormatException or ArgumentException or InvalidOperationException)
        {
            Release(admitted, mine);
            return Fail(segment, null, e);
        }
        catch
        {
            Release(admitted, mine);
            throw;
        }
        finally { _sourceStage.Release(); }

        if (segment.Tracks.VideoCodec is null)
            return Fail(segment, null, new TranscodeException(TranscodeError.NoFrames, "Audio-only segment: the source audio was published; there is no video to transcode."));
        if (!admitted)
            return Fail(segment, null, new PipelineOverloadedException(
                $"{_maxPendingTranscodes} segments are already waiting for the transcoder; segment {segment.Sequence} was published as source only."));
        try
        {
            await previous.ConfigureAwait(false);
            return await PublishRenditionsAsync(segment, source.Value.AudioCodec, source.Value.Offset, cancellationToken).ConfigureAwait(false);
        }
        finally { Release(admitted, mine); }
    }

    private void Release(bool admitted, TaskCompletionSource ticket)
    {
        if (!admitted) return;
        lock (_gate) _pendingTranscodes--;
        ticket.TrySetResult();
    }

    /// <summary>Ends the stream now: HLS playlists get EXT-X-ENDLIST and the MPD turns static. Segments still queued will fail; see <see cref="EndAsync"/>.</summary>
    public void End()
    {
        _hls.End();
        _dash.End();
    }

    /// <summary>A new publish id: 8 random hex digits, so names differ across publishes and restarts alike.</summary>
    public static string NewPublishId() => Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(4));

    /// <summary>Retires the stream's output after <paramref name="linger"/> (players polling it see EXT-X-ENDLIST meanwhile).</summary>
    public async Task RetireAfterAsync(TimeSpan linger, TimeProvider time)
    {
        if (linger > TimeSpan.Zero) await Task.Delay(linger, time).ConfigureAwait(false);
        Retire();
    }

    /// <summary>Takes this publish's output out of the stores (its URLs then answer 404), unless a newer publish replaced it already.</summary>
    public void Retire()
    {
        _hlsStore.Remove(_hls);
        _dashStore.Remove(_dash);
    }

    /// <summary>Waits for queued segments to finish, then ends the stream.</summary>
    public async Task EndAsync()
    {
        await DrainAsync().ConfigureAwait(false);
        End();
    }

    /// <summary>Waits until every segment handed in so far has left the rendition stage.</summary>
    public Task DrainAsync() { lock (_gate) return _renditionStageTail; }

    private async Task<(string AudioCodec, double Offset)> PublishSourceAsync(MediaSegment segment, CancellationToken ct)
    {
        double seconds = segment.Duration / 90000.0;
        if (segment.Tracks.VideoCodec is null)
            return await PublishAudioOnlyAsync(segment, seconds, ct).ConfigureAwait(false);
        string? sourceEntry = IngestCodecTable.FromProbeName(segment.Tracks.VideoCodec) is { } ingest ? IngestCodecTable.Of(ingest).FourCc : null;
        var jobs = new List<CmafPackager.Job> { new(segment.Data, "ts", Audio: false, sourceEntry) };
        bool audio = segment.Tracks.AudioCodec == "aac";
        if (audio) jobs.Add(new(segment.Data, "ts", Audio: true));
        if (HlsUsesFmp4) jobs.Add(new(segment.Data, "ts", Audio: false, sourceEntry, Muxed: true));
        var source = await _packager.PackageAsync(jobs, ct).ConfigureAwait(false);
        var video = source[0];
        var audioFrag = audio ? source[1] : null;
        string audioCodec = audioFrag?.Audio?.Codec ?? "";

        double start = Start(video);
        double end = start + (double)video.Duration[video.Tracks[0].TrackId] / video.Tracks[0].Timescale;
        if (_expectedSourceEnd is { } expected && (segment.Discontinuity || Math.Abs(start - expected) > JumpThreshold.TotalSeconds))
            _dashOffset += expected - start; // keep the DASH media timeline continuous across the jump
        _expectedSourceEnd = end;
        double offset = _dashOffset;

        _dash.SetOrigin(Math.Min(start, audioFrag is null ? double.MaxValue : Start(audioFrag)));
        var v = video.Video!;
        if (HlsUsesFmp4)
            PublishHlsFmp4(SourceName, v.Width, v.Height, segment, seconds, Discontinuous(SourceName, segment), source[^1]);
        else
        {
            _hls.SetVariant(new HlsVariantInfo(SourceName, v.Width, v.Height, video.VideoFrameRate, Join(v.Codec, audioCodec)));
            _hls.AddSegment(SourceName, $"{_prefix}{segment.Sequence}.ts", seconds, Discontinuous(SourceName, segment), segment.Data, "video/mp2t");
        }
        _dash.AddSegment(SourceName, video, video.VideoFrameRate, offset);
        if (audioFrag is not null) _dash.AddSegment(AudioName, audioFrag, 0, offset);
        MarkPublished(SourceName, segment);
        return (audioCodec, offset);
    }

    // Audio-only segments (a publisher without video): the source audio goes to HLS (TS as is) and DASH; nothing to transcode.
    private async Task<(string AudioCodec, double Offset)> PublishAudioOnlyAsync(MediaSegment segment, double seconds, CancellationToken ct)
    {
        if (segment.Tracks.AudioCodec != "aac")
            throw new TranscodeException(TranscodeError.NoFrames, "The segment has neither video nor AAC audio; nothing can be published.");
        var audio = (await _packager.PackageAsync([new CmafPackager.Job(segment.Data, "ts", Audio: true)], ct).ConfigureAwait(false))[0];
        double start = Start(audio);
        double offset = _dashOffset;
        _dash.SetOrigin(start);
        _hls.SetVariant(new HlsVariantInfo(SourceName, 0, 0, 0, audio.Audio!.Codec));
        _hls.AddSegment(SourceName, $"{_prefix}{segment.Sequence}.ts", seconds, Discontinuous(SourceName, segment), segment.Data, "video/mp2t");
        _dash.AddSegment(AudioName, audio, 0, offset);
        MarkPublished(SourceName, segment);
        return (audio.Audio.Codec, offset);
    }

    private async Task<PipelineResult> PublishRenditionsAsync(MediaSegment segment, string audioCodec, double offset, CancellationToken ct)
    {
        double seconds = segment.Duration / 90000.0;
        TranscodeResult result;
        try { result = await _transcoder.TranscodeAsync(segment, Profiles, ct).ConfigureAwait(false); }
        catch (Exception e) when (e is TranscodeException or TranscodeQueueFullException) { return Fail(segment, null, e); }

        var renditions = result.Renditions.Where(r => r.Container != OutputContainer.WebM).ToList(); // VP8/WebM handled below
        IReadOnlyList<Fmp4Segment> packed;
        var jobs = renditions.Select(r => new CmafPackager.Job(r.Data, r.Extension, Audio: false, CodecTable.Of(r.Profile.Codec).CodecsPrefix)).ToList();
        // In an fMP4 HLS ladder, TS renditions also need a muxed (video + audio) fMP4 for their HLS variant.
        var muxedJob = new Dictionary<int, int>();
        if (HlsUsesFmp4)
            for (int i = 0; i < renditions.Count; i++)
                if (renditions[i].Container == OutputContainer.MpegTs)
                {
                    muxedJob[i] = jobs.Count;
                    jobs.Add(new CmafPackager.Job(renditions[i].Data, "ts", Audio: false, CodecTable.Of(renditions[i].Profile.Codec).CodecsPrefix, Muxed: true));
                }
        try { packed = await _packager.PackageAsync(jobs, ct).ConfigureAwait(false); }
        catch (TranscodeException e) { return Fail(segment, result, e); }

        Exception? firstError = null;
        for (int i = 0; i < renditions.Count; i++)
        {
            var r = renditions[i];
            var frag = packed[i];
            var name = r.Profile.Name;
            try
            {
                bool disc = Discontinuous(name, segment);
                var codec = CodecTable.Of(r.Profile.Codec);
                if (codec.Hls && r.Container == OutputContainer.MpegTs && !HlsUsesFmp4)
                {
                    _hls.SetVariant(new HlsVariantInfo(name, r.Profile.Width, r.Profile.Height, frag.VideoFrameRate, Join(frag.Video!.Codec, audioCodec)));
                    _hls.AddSegment(name, $"{_prefix}{segment.Sequence}.ts", seconds, disc, r.Data, r.ContentType);
                }
                else if (codec.Hls)
                {
                    // The transcoder's fMP4 already holds video + audio; TS renditions were remuxed into one above.
                    var own = r.Container == OutputContainer.Fmp4 ? Fmp4Segment.Parse(r.Data) : packed[muxedJob[i]];
                    PublishHlsFmp4(name, r.Profile.Width, r.Profile.Height, segment, seconds, disc, own);
                }
                if (codec.Dash) _dash.AddSegment(name, frag, frag.VideoFrameRate, offset);
                MarkPublished(name, segment);
            }
            catch (Exception e) when (e is HlsException or FormatException or ArgumentException or InvalidOperationException)
            {
                firstError ??= e;
            }
        }
        // VP8 (WebM): no HLS variant; DASH gets a WebM representation in its own AdaptationSet.
        foreach (var r in result.Renditions.Where(r => r.Container == OutputContainer.WebM))
        {
            try
            {
                if (CodecTable.Of(r.Profile.Codec).Dash)
                    _dash.AddWebmSegment(r.Profile.Name, WebmSegment.Parse(r.Data), seconds, r.Profile.FrameRate ?? 0, offset);
                MarkPublished(r.Profile.Name, segment);
            }
            catch (Exception e) when (e is FormatException or ArgumentException or InvalidOperationException)
            {
                firstError ??= e;
            }
        }
        return firstError is null ? new PipelineResult(segment, result, null) : Fail(segment, result, firstError);
    }

    private void PublishHlsFmp4(string name, int width, int height, MediaSegment segment, double seconds, bool discontinuity, Fmp4Segment own)
    {
        _hls.SetVariant(new HlsVariantInfo(name, width, height, own.VideoFrameRate, Join(own.Video!.Codec, own.Audio?.Codec ?? "")));
        string mapUri;
        bool newInit;
        lock (_gate)
        {
            // A new init segment (changed codec configuration) gets its own URI; unchanged ones are shared.
            newInit = !(_hlsInit.TryGetValue(name, out var known) && known.Init.AsSpan().SequenceEqual(own.Init));
            if (newInit) _hlsInit[name] = (own.Init, $"{_prefix}init{segment.Sequence}.mp4");
            mapUri = _hlsInit[name].Uri;
        }
        if (newInit) _hls.AddInit(name, mapUri, own.Init);
        _hls.AddSegment(name, $"{_prefix}{segment.Sequence}.m4s", seconds, discontinuity, own.Media, "video/mp4", mapUri);
    }

    private void MarkPublished(string name, MediaSegment segment)
    {
        lock (_gate) _lastPublished[name] = segment.Sequence;
    }

    // A rendition that skipped segments (failed transcode) or a source discontinuity needs EXT-X-DISCONTINUITY.
    private bool Discontinuous(string name, MediaSegment segment)
    {
        lock (_gate) return segment.Discontinuity || (_lastPublished.TryGetValue(name, out var last) && last != segment.Sequence - 1);
    }

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
