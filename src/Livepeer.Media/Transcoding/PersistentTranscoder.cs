using System.Globalization;
using Livepeer.Media.MpegTs;
using Livepeer.Media.Profiles;
using Livepeer.Media.Segmenting;

namespace Livepeer.Media.Transcoding;

/// <summary>
/// Transcodes with one session per stream and ladder, in one of two modes (<see cref="TranscodeSessionMode"/>).
/// Pre-start (the default): the session keeps the next segment's ffmpeg already started and waiting on stdin (libraries
/// loaded, command parsed) while the current segment is encoded, so a segment pays no process start-up; each process still
/// handles exactly one segment, so renditions are cut at the source segment's boundaries with its sequence number, duration
/// and source timestamps (-copyts), and nothing waits for the next segment. Long-lived: one ffmpeg per stream is fed segment
/// after segment (<see cref="LongLivedFfmpeg"/>), which saves the encoders' start-up and flush at the price of about one
/// segment of latency. A segment goes to a fresh per-segment process when the session has no process of its format yet
/// (pre-start: first segment, codec, size or frame rate changed) or when the session's process fails (killed, crashed);
/// three failures in a row stop the session using its own processes.
/// Sessions end on <see cref="EndStream"/>, after <see cref="PersistentTranscoderOptions.IdleTimeout"/> without a segment,
/// on eviction beyond <see cref="PersistentTranscoderOptions.MaxSessions"/>, or on <see cref="Dispose"/>; ending kills the
/// waiting process and lets a long-lived one flush its last segments (disposal kills it).
/// </summary>
public sealed class PersistentTranscoder : ITranscoder, IDisposable
{
    private const int MaxConsecutiveFailures = 3;
    private readonly PersistentTranscoderOptions _options;
    private readonly FfmpegTranscoder _perSegment;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Session> _sessions = new(StringComparer.Ordinal);
    private readonly ITimer _sweeper;
    private bool _disposed;
    private long _inSession, _perProcess, _fallbacks, _formatChanges, _started, _ended;

    /// <summary>Creates the transcoder; pass <paramref name="encoders"/> to skip querying ffmpeg.</summary>
    public PersistentTranscoder(PersistentTranscoderOptions? options = null, FfmpegEncoders? encoders = null, TimeProvider? time = null)
    {
        _options = options ?? new PersistentTranscoderOptions();
        _options.Validate();
        _time = time ?? TimeProvider.System;
        _perSegment = new FfmpegTranscoder(_options.Ffmpeg, encoders, _time);
        var period = TimeSpan.FromTicks(Math.Max(TimeSpan.FromMilliseconds(100).Ticks, _options.IdleTimeout.Ticks / 4));
        _sweeper = _time.CreateTimer(_ => Sweep(), null, period, period);
    }

    /// <summary>Segments served by a session's pre-started process.</summary>
    public long SegmentsInSession => Interlocked.Read(ref _inSession);

    /// <summary>Segments served by a fresh process because the session had none of their format (first segment, format change).</summary>
    public long SegmentsPerProcess => Interlocked.Read(ref _perProcess);

    /// <summary>Segments whose session process failed and that were redone by a fresh per-segment process.</summary>
    public long Fallbacks => Interlocked.Read(ref _fallbacks);

    /// <summary>Waiting processes discarded because a segment arrived in another format (codec, picture size, frame rate).</summary>
    public long FormatChanges => Interlocked.Read(ref _formatChanges);

    /// <summary>Sessions started.</summary>
    public long SessionsStarted => Interlocked.Read(ref _started);

    /// <summary>Sessions ended (stream end, idle, eviction or disposal).</summary>
    public long SessionsEnded => Interlocked.Read(ref _ended);

    /// <summary>Sessions now open.</summary>
    public int SessionCount { get { lock (_gate) return _sessions.Count; } }

    /// <summary>Process ids of the ffmpeg processes now waiting for a segment (one per open session at most).</summary>
    public IReadOnlyList<int> WaitingProcessIds
    {
        get { lock (_gate) return _sessions.Values.Where(s => s.Waiting is not null).Select(s => s.Waiting!.ProcessId).ToList(); }
    }

    /// <summary>Process ids of the long-lived ffmpeg processes of open sessions (long-lived mode; one per session at most).</summary>
    public IReadOnlyList<int> LongLivedProcessIds
    {
        get { lock (_gate) return _sessions.Values.Select(s => s.Live).OfType<LongLivedFfmpeg>().Select(l => l.ProcessId).ToList(); }
    }

    /// <summary>The encoders ffmpeg offers (queried once).</summary>
    public Task<FfmpegEncoders> GetEncodersAsync(CancellationToken cancellationToken = default) => _perSegment.GetEncodersAsync(cancellationToken);

    /// <inheritdoc />
    public async Task<TranscodeResult> TranscodeAsync(MediaSegment segment, IReadOnlyList<VideoProfile> profiles, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(segment);
        ArgumentNullException.ThrowIfNull(profiles);
        VideoProfileParser.Validate(profiles);
        ObjectDisposedException.ThrowIf(_disposed, this);
        // Empty and malformed segments get the per-segment path's typed errors.
        if (segment.Data.Length == 0) return await _perSegment.TranscodeAsync(segment, profiles, cancellationToken).ConfigureAwait(false);
        var started = _time.GetTimestamp();
        var encoders = await _perSegment.GetEncodersAsync(cancellationToken).ConfigureAwait(false);
        encoders.EnsureAvailable(profiles, _options.Ffmpeg.FfmpegPath);
        var (video, audio) = TsScan.Check(segment.Data.Span);
        SessionFormat format;
        try { format = SessionFormat.Of(video, audio, segment.Data.Span, profiles.Any(p => p.FpsNum == 0)) with { ServiceProvider = segment.ServiceProvider }; }
        catch (TsFormatException) { return await _perSegment.TranscodeAsync(segment, profiles, cancellationToken).ConfigureAwait(false); }

        var key = Key(segment.StreamName, profiles);
        bool longLived = _options.Mode == TranscodeSessionMode.LongLived && LongLivedFfmpeg.Supports(profiles, _options.Ffmpeg.ComputeSignatures);
        var (taken, session) = Take(key, segment.StreamName, format, takeWaiting: !longLived);
        try
        {
            if (longLived && session.ConsecutiveFailures < MaxConsecutiveFailures)
                return await LongLivedAsync(segment, profiles, format, session, started, cancellationToken).ConfigureAwait(false);
            Arm(session, format, profiles);
            return await RunAsync(segment, profiles, taken, session, started, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            // Idle time counts from the end of the last segment; a session with a segment in flight is never idle.
            lock (_gate)
            {
                session.InFlight--;
                session.LastUsed = _time.GetTimestamp();
            }
        }
    }

    private async Task<TranscodeResult> RunAsync(MediaSegment segment, IReadOnlyList<VideoProfile> profiles, WarmFfmpeg? taken, Session session,
        long started, CancellationToken cancellationToken)
    {
        if (taken is null)
        {
            Interlocked.Increment(ref _perProcess);
            return await _perSegment.TranscodeAsync(segment, profiles, cancellationToken).ConfigureAwait(false);
        }
        using (taken)
        {
            var run = await taken.FeedAsync(segment.Data, _perSegment.TimeoutFor(segment), cancellationToken).ConfigureAwait(false);
            if (run.ExitCode == 0)
            {
                var renditions = await FfmpegTranscoder.CollectAsync(run, profiles, taken.Outputs, taken.Signatures, cancellationToken).ConfigureAwait(false);
                Interlocked.Increment(ref _inSession);
                session.ConsecutiveFailures = 0;
                return new TranscodeResult(segment, renditions, _time.GetElapsedTime(started));
            }
        }
        // The session's process died or failed: redo the segment in a fresh process, which also classifies bad input.
        Interlocked.Increment(ref _fallbacks);
        session.ConsecutiveFailures++;
        return await _perSegment.TranscodeAsync(segment, profiles, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Feeds the segment to the session's long-lived process, starting one when there is none or the segment cannot follow
    /// the last (format change, timestamp gap); the old process is finished, which flushes its segments out. A failed or
    /// stuck process is killed and the segment redone by a fresh per-segment process.
    /// </summary>
    private async Task<TranscodeResult> LongLivedAsync(MediaSegment segment, IReadOnlyList<VideoProfile> profiles, SessionFormat format,
        Session session, long started, CancellationToken cancellationToken)
    {
        Task<IReadOnlyList<RenditionSegment>>? renditions;
        LongLivedFfmpeg? live;
        lock (session.FeedGate)
        {
            live = session.Live;
            renditions = live?.TryFeed(segment, format);
            if (renditions is null)
            {
                if (live is not null && !live.IsFinished && live.Format != format) Interlocked.Increment(ref _formatChanges);
                live?.Finish();
                try
                {
                    live = LongLivedFfmpeg.Start(_options.Ffmpeg.FfmpegPath, _options.Ffmpeg.TempDirectory, format, profiles, segment.Data.Length, _time, _options.TailWait);
                    session.Live = live;
                    renditions = live.TryFeed(segment, format);
                }
                catch (Exception e) when (e is TranscodeException or IOException)
                {
                    session.Live = null;
                    live = null;
                }
            }
        }
        if (renditions is not null && live is not null)
        {
            // The segment waits for the next one (or the tail flush) on top of its own encode.
            var limit = _perSegment.TimeoutFor(segment) + TimeSpan.FromTicks(segment.Duration * TimeSpan.TicksPerMillisecond / 90) + _options.TailWait;
            try
            {
                var result = await renditions.WaitAsync(limit, _time, cancellationToken).ConfigureAwait(false);
                Interlocked.Increment(ref _inSession);
                session.ConsecutiveFailures = 0;
                return new TranscodeResult(segment, result, _time.GetElapsedTime(started));
            }
            catch (TimeoutException) { live.Dispose(); }
            catch (TranscodeException) { }
        }
        Interlocked.Increment(ref _fallbacks);
        session.ConsecutiveFailures++;
        return await _perSegment.TranscodeAsync(segment, profiles, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Ends every session of <paramref name="streamName"/> (the stream ended); returns how many.</summary>
    public int EndStream(string streamName)
    {
        List<Session> ended;
        lock (_gate)
        {
            ended = _sessions.Values.Where(s => s.Stream == streamName).ToList();
            foreach (var s in ended) _sessions.Remove(s.Key);
        }
        End(ended);
        return ended.Count;
    }

    /// <summary>Ends all sessions (killing their waiting processes) and stops the idle sweep.</summary>
    public void Dispose()
    {
        List<Session> all;
        lock (_gate)
        {
            if (_disposed) return;
            _disposed = true;
            all = [.. _sessions.Values];
            _sessions.Clear();
        }
        _sweeper.Dispose();
        End(all);
    }

    private (WarmFfmpeg? Taken, Session Session) Take(string key, string stream, SessionFormat format, bool takeWaiting)
    {
        WarmFfmpeg? stale = null;
        List<Session> evicted = [];
        WarmFfmpeg? taken = null;
        Session session;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (!_sessions.TryGetValue(key, out session!))
            {
                while (_sessions.Count >= _options.MaxSessions)
                {
                    var lru = _sessions.Values.OrderBy(s => s.InFlight > 0).ThenBy(s => s.LastUsed).First();
                    _sessions.Remove(lru.Key);
                    evicted.Add(lru);
                }
                session = new Session(key, stream);
                _sessions[key] = session;
                _started++;
            }
            session.LastUsed = _time.GetTimestamp();
            session.InFlight++;
            if (takeWaiting && session.Waiting is { } waiting)
            {
                if (waiting.Format == format) taken = waiting;
                else
                {
                    stale = waiting;
                    _formatChanges++;
                }
                session.Waiting = null;
            }
        }
        stale?.Dispose();
        End(evicted);
        return (taken, session);
    }

    /// <summary>Starts the session's next process now, so its start-up overlaps the current segment's encode.</summary>
    private void Arm(Session session, SessionFormat format, IReadOnlyList<VideoProfile> profiles)
    {
        if (session.ConsecutiveFailures >= MaxConsecutiveFailures) return;
        WarmFfmpeg next;
        try { next = WarmFfmpeg.Start(_options.Ffmpeg.FfmpegPath, _options.Ffmpeg.TempDirectory, format, profiles, _options.Ffmpeg.ComputeSignatures); }
        catch (TranscodeException) { return; }
        catch (IOException) { return; }
        lock (_gate)
        {
            // A concurrent segment of the same session may have armed first, or the session may have ended meanwhile.
            if (!_disposed && session.Waiting is null && _sessions.TryGetValue(session.Key, out var current) && ReferenceEquals(current, session))
            {
                session.Waiting = next;
                return;
            }
        }
        next.Dispose();
    }

    private void Sweep()
    {
        List<Session> idle;
        lock (_gate)
        {
            if (_disposed) return;
            idle = _sessions.Values.Where(s => s.InFlight == 0 && _time.GetElapsedTime(s.LastUsed) >= _options.IdleTimeout).ToList();
            foreach (var s in idle) _sessions.Remove(s.Key);
        }
        End(idle);
    }

    private void End(List<Session> sessions)
    {
        foreach (var s in sessions)
        {
            WarmFfmpeg? waiting;
            LongLivedFfmpeg? live;
            lock (_gate)
            {
                waiting = s.Waiting;
                s.Waiting = null;
            }
            lock (s.FeedGate)
            {
                live = s.Live;
                s.Live = null;
            }
            waiting?.Dispose();
            // An ended stream's long-lived process flushes its last segments out; disposal kills it.
            if (_disposed) live?.Dispose(); else live?.Finish();
            Interlocked.Increment(ref _ended);
        }
    }

    private static string Key(string stream, IReadOnlyList<VideoProfile> profiles) =>
        stream + "\n" + string.Join("\n", profiles.Select(p => string.Create(CultureInfo.InvariantCulture,
            $"{p.Name}|{p.Width}x{p.Height}|{p.Bitrate}|{p.FpsNum}/{p.FpsDen}|{p.GopSeconds}|{p.Codec}|{p.EncoderProfile}|{p.Preset}")));

    private sealed class Session(string key, string stream)
    {
        public string Key { get; } = key;
        public string Stream { get; } = stream;
        public long LastUsed { get; set; }
        public WarmFfmpeg? Waiting { get; set; }
        public Lock FeedGate { get; } = new();
        public LongLivedFfmpeg? Live { get; set; }
        public int ConsecutiveFailures { get; set; }
        public int InFlight { get; set; }
    }
}
