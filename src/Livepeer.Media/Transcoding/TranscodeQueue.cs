using System.Globalization;
using Livepeer.Media.Profiles;
using Livepeer.Media.Segmenting;

namespace Livepeer.Media.Transcoding;

/// <summary>
/// The node's one transcode queue, shared by live (RTMP) ingest and HTTP push: at most
/// <see cref="TranscodeQueueOptions.MaxRunning"/> segments are transcoded at once and at most
/// <see cref="TranscodeQueueOptions.MaxWaiting"/> wait. A segment is admitted only when its estimated wait plus the recent
/// average transcode time fits its deadline (<see cref="TranscodeQueueOptions.DeadlinePercent"/> of its duration), and one
/// that waited until it could no longer finish in time is not started. Refusals are <see cref="TranscodeQueueFullException"/>
/// with a retry time. A push takes its place with <see cref="Reserve"/> before anything is published, so a refused push
/// changes nothing; the place travels with that call (an async-local) to the <see cref="TranscodeAsync"/> it leads to.
/// </summary>
public sealed class TranscodeQueue : ITranscoder
{
    private static readonly AsyncLocal<Reservation?> Current = new();
    private readonly ITranscoder _inner;
    private readonly TranscodeQueueOptions _options;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _slots;
    private readonly Lock _lock = new();
    private int _pending, _running, _peakRunning; // pending: reserved + waiting + running
    private long _averageTicks, _admitted, _refused, _abandoned, _longestTicks;

    /// <summary>Queues work for <paramref name="inner"/> (the local ffmpeg transcoder, or the network).</summary>
    public TranscodeQueue(ITranscoder inner, TranscodeQueueOptions options, TimeProvider? time = null)
    {
        options.Validate();
        (_inner, _options, _time) = (inner, options, time ?? TimeProvider.System);
        _slots = new SemaphoreSlim(options.MaxRunning, options.MaxRunning);
    }

    /// <summary>The limits.</summary>
    public TranscodeQueueOptions Options => _options;
    /// <summary>Segments being transcoded now.</summary>
    public int Running { get { lock (_lock) return _running; } }
    /// <summary>Segments reserved, waiting or being transcoded now.</summary>
    public int Pending { get { lock (_lock) return _pending; } }
    /// <summary>The most segments transcoded at once so far.</summary>
    public int PeakRunning { get { lock (_lock) return _peakRunning; } }
    /// <summary>Segments admitted so far.</summary>
    public long Admitted => Interlocked.Read(ref _admitted);
    /// <summary>Segments refused at admission so far.</summary>
    public long Refused => Interlocked.Read(ref _refused);
    /// <summary>Segments admitted that waited too long and were not started.</summary>
    public long Abandoned => Interlocked.Read(ref _abandoned);
    /// <summary>The longest time a started segment spent in the queue, waiting and transcoding.</summary>
    public TimeSpan LongestLatency => TimeSpan.FromTicks(Interlocked.Read(ref _longestTicks));
    /// <summary>The recent average transcode time (zero before the first).</summary>
    public TimeSpan AverageTranscodeTime => TimeSpan.FromTicks(Interlocked.Read(ref _averageTicks));

    /// <summary>
    /// Takes a place for a segment of <paramref name="duration"/> that the caller's flow will transcode next (HTTP push),
    /// or throws <see cref="TranscodeQueueFullException"/>. Dispose the place when done; an unused place is given back.
    /// </summary>
    public IDisposable Reserve(TimeSpan duration)
    {
        lock (_lock) Admit(duration);
        var place = new Reservation(this);
        Current.Value = place;
        return place;
    }

    /// <inheritdoc />
    public async Task<TranscodeResult> TranscodeAsync(MediaSegment segment, IReadOnlyList<VideoProfile> profiles, CancellationToken cancellationToken = default)
    {
        var duration = TimeSpan.FromMilliseconds(segment.DurationMs);
        if (!(Current.Value is { } place && place.TryUse())) { lock (_lock) Admit(duration); }
        var queued = _time.GetTimestamp();
        try
        {
            var waitedForSlot = !_slots.Wait(0, CancellationToken.None);
            if (waitedForSlot) await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                var waited = _time.GetElapsedTime(queued);
                var deadline = Deadline(duration);
                if (waitedForSlot && waited + AverageTranscodeTime > deadline)
                {
                    Interlocked.Increment(ref _abandoned);
                    throw new TranscodeQueueFullException(
                        $"Segment {segment.StreamName}/{segment.Sequence} waited {Seconds(waited)} s for a transcode slot; at about {Seconds(AverageTranscodeTime)} s per segment it would miss its deadline of {Seconds(deadline)} s, so it was not started.",
                        RetryAfter(AverageTranscodeTime));
                }
                lock (_lock) _peakRunning = Math.Max(_peakRunning, ++_running);
                var started = _time.GetTimestamp();
                try { return await _inner.TranscodeAsync(segment, profiles, cancellationToken).ConfigureAwait(false); }
                finally
                {
                    var took = _time.GetElapsedTime(started).Ticks;
                    lock (_lock)
                    {
                        _running--;
                        _averageTicks = _averageTicks == 0 ? took : (3 * _averageTicks + took) / 4; // recent runs weigh most
                        _longestTicks = Math.Max(_longestTicks, _time.GetElapsedTime(queued).Ticks);
                    }
                }
            }
            finally { _slots.Release(); }
        }
        finally { lock (_lock) _pending--; }
    }

    // Under _lock: counts the segment in, or refuses it when it could not finish by its deadline.
    private void Admit(TimeSpan duration)
    {
        var service = _averageTicks > 0 ? TimeSpan.FromTicks(_averageTicks) : duration / 2; // before any run: half real time
        var ahead = _pending - _options.MaxRunning + 1; // segments to finish before a slot frees for this one
        var wait = ahead <= 0 ? TimeSpan.Zero : service * Math.Ceiling((double)ahead / _options.MaxRunning);
        var deadline = Deadline(duration);
        string? why = null;
        if (_pending >= _options.MaxRunning + _options.MaxWaiting)
            why = $"{Math.Min(_pending, _options.MaxRunning)} segments are transcoding and {_pending - Math.Min(_pending, _options.MaxRunning)} waiting, the most this node queues";
        else if (wait > TimeSpan.Zero && wait + service > deadline)
            why = $"with {_pending} segments ahead at about {Seconds(service)} s each it would finish in {Seconds(wait + service)} s, past its deadline of {Seconds(deadline)} s";
        if (why is not null)
        {
            _refused++;
            var retry = RetryAfter(wait);
            throw new TranscodeQueueFullException($"The transcode queue is full: {why}; retry in {retry.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s.", retry);
        }
        _pending++;
        _admitted++;
    }

    private TimeSpan Deadline(TimeSpan duration)
    {
        var deadline = duration * _options.DeadlinePercent / 100;
        return deadline < _options.MinimumDeadline ? _options.MinimumDeadline : deadline;
    }

    private static TimeSpan RetryAfter(TimeSpan wait) => TimeSpan.FromSeconds(Math.Max(1, Math.Ceiling(wait.TotalSeconds)));

    private static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture);

    private void GiveBack()
    {
        lock (_lock) _pending--;
    }

    /// <summary>A push's place: used by its transcode, or given back when disposed unused.</summary>
    private sealed class Reservation(TranscodeQueue queue) : IDisposable
    {
        private int _state; // 0 held, 1 used, 2 given back

        public bool TryUse()
        {
            if (Interlocked.CompareExchange(ref _state, 1, 0) != 0) return false;
            if (Current.Value == this) Current.Value = null;
            return true;
        }

        public void Dispose()
        {
            if (Current.Value == this) Current.Value = null;
            if (Interlocked.CompareExchange(ref _state, 2, 0) == 0) queue.GiveBack();
        }
    }
}
