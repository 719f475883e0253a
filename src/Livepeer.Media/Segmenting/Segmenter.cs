using System.Buffers;
using Livepeer.Media.MpegTs;

namespace Livepeer.Media.Segmenting;

/// <summary>
/// Cuts a stream of <see cref="MediaFrame"/>s into self-contained MPEG-TS <see cref="MediaSegment"/>s: each starts with
/// PAT/PMT and (with video) an IDR; a cut happens at the first IDR once <see cref="SegmenterOptions.TargetDuration"/> is
/// reached (audio-only: at the first frame past it), is forced at <see cref="SegmenterOptions.MaxDuration"/>, and happens
/// at once on a timestamp jump or format change (marked Discontinuity). Continuity counters carry on across segments.
/// Memory is bounded whatever the timestamps say: a segment is also cut by size and by wall-clock time, and a publisher
/// whose media time does not keep up with either is refused (<see cref="BrokenTimestampsException"/>).
/// Not thread-safe: one instance per stream, fed in order.
/// </summary>
public sealed class Segmenter
{
    private const long KeyframeTolerance = 900; // 10 ms: millisecond-rounded RTMP timestamps land just short of the target
    private const long SmallBackstep = 9000; // 100 ms
    private const long HeldAudioWindow = 45000; // 500 ms
    private const int MaxHeldAudio = 256; // frames, whatever their timestamps

    private readonly string _streamName;
    private readonly SegmenterOptions _options;
    private readonly ArrayBufferWriter<byte> _buffer = new(256 * 1024);
    private TrackFormat? _announcedVideo;
    private TrackFormat? _announcedAudio;
    private TrackFormat? _programVideo;
    private TrackFormat? _programAudio;
    private TsMuxer? _muxer;
    private bool _open;
    private long _sequence;
    private long _startPts;
    private long _startDts;
    private long _lastEnd;
    private bool _startsWithKeyframe;
    private bool _discontinuity;
    private bool _pendingDiscontinuity;
    private long? _waitStart;
    private readonly long[] _lastDts = [long.MinValue, long.MinValue];
    private readonly List<MediaFrame> _heldAudio = [];
    private readonly long[] _frameDuration = [3000, 1920];
    private readonly TimeProvider _time;
    private long _openedAt;

    /// <summary>Creates a segmenter for one stream; <paramref name="time"/> is the wall clock for <see cref="SegmenterOptions.MaxWallClockDuration"/>.</summary>
    public Segmenter(string streamName, SegmenterOptions? options = null, TimeProvider? time = null)
    {
        _streamName = streamName;
        _time = time ?? TimeProvider.System;
        _options = options ?? new SegmenterOptions();
        _options.Validate();
    }

    /// <summary>Frames dropped while waiting for the first keyframe.</summary>
    public long DroppedFrames { get; private set; }

    /// <summary>Segments emitted so far.</summary>
    public long SegmentCount => _sequence;

    /// <summary>
    /// Declares a track before its first frame (from a sequence header) so the first segment's PMT lists it; a track first
    /// seen in a frame later starts a new segment with a discontinuity.
    /// </summary>
    public void Announce(MediaTrackKind kind, TrackFormat format)
    {
        if (kind == MediaTrackKind.Video) _announcedVideo = format;
        else _announcedAudio = format;
    }

    /// <summary>Adds a frame; returns the segment it completed, if it started a new one.</summary>
    public MediaSegment? Push(in MediaFrame frame)
    {
        var k = (int)frame.Kind;
        var pts = frame.Pts;
        var dts = frame.Dts;
        if (frame.Kind == MediaTrackKind.Video) _announcedVideo = frame.Format;
        else _announcedAudio = frame.Format;

        if (!_open)
        {
            StartWhenPossible(frame, pts, dts);
            return null;
        }

        MediaSegment? completed = null;
        var last = _lastDts[k];
        var jumped = false;
        if (last != long.MinValue)
        {
            if (dts < last)
            {
                if (last - dts <= SmallBackstep)
                {
                    // A small step back (encoder jitter): keep DTS monotonic rather than start a new timeline.
                    dts = last;
                    pts = Math.Max(pts, dts);
                }
                else
                {
                    jumped = true;
                }
            }
            else if (dts - last > _options.JumpTicks)
            {
                jumped = true;
            }
        }
        var programFormat = frame.Kind == MediaTrackKind.Video ? _programVideo : _programAudio;
        var formatChanged = programFormat != frame.Format;
        if (jumped || formatChanged)
        {
            completed = Finish(_lastEnd);
            Array.Fill(_lastDts, long.MinValue);
            _pendingDiscontinuity = true;
            _waitStart = null;
            StartWhenPossible(frame, pts, dts);
            return completed;
        }

        var elapsed = dts - _startDts;
        var hasVideo = _programVideo is not null;
        var cut = false;
        var keyed = true;
        var wall = _time.GetElapsedTime(_openedAt);
        if (_buffer.WrittenCount + frame.Data.Length > _options.MaxSegmentBytes || wall >= _options.WallClockLimit)
        {
            // Cut by size or wall clock: fine for a stream whose timestamps keep up with real time, refused otherwise.
            if (elapsed <= 0 || elapsed * 4 < wall.TotalSeconds * 90000)
            {
                var refused = new BrokenTimestampsException($"Stream {_streamName}: {_buffer.WrittenCount} bytes over {wall.TotalSeconds:0.#} s carry only {elapsed / 90.0:0} ms of timestamps; " +
                    "timestamps must advance with the media (at least a quarter of real time).");
                // The refused bytes are dropped, not flushed as a last segment: published, they would be held for the
                // ended-stream linger and sent for (paid) transcoding.
                _buffer.ResetWrittenCount();
                _open = false;
                throw refused;
            }
            cut = true;
            keyed = !hasVideo || (frame.Kind == MediaTrackKind.Video && frame.Keyframe);
        }
        else if (hasVideo)
        {
            if (frame.Kind == MediaTrackKind.Video && frame.Keyframe && elapsed >= _options.TargetTicks - KeyframeTolerance)
            {
                cut = true;
            }
            else if (elapsed >= _options.MaxTicks)
            {
                cut = true;
                keyed = frame.Kind == MediaTrackKind.Video && frame.Keyframe;
            }
        }
        else
        {
            cut = elapsed >= _options.TargetTicks - KeyframeTolerance;
        }
        if (cut)
        {
            completed = Finish(Math.Max(pts, _startPts));
            StartSegment(frame, pts, dts, discontinuity: false);
            _startsWithKeyframe = !hasVideo || keyed;
        }
        Write(frame, pts, dts);
        return completed;
    }

    /// <summary>Ends the stream: returns the last, partial segment (or null if nothing is buffered).</summary>
    public MediaSegment? Flush()
    {
        if (!_open) return null;
        return Finish(_lastEnd);
    }

    private void StartWhenPossible(in MediaFrame frame, long pts, long dts)
    {
        // With video, a segment must start at an IDR; wait for one (dropping frames) up to the maximum duration.
        var canStart = _announcedVideo is null || (frame.Kind == MediaTrackKind.Video && frame.Keyframe);
        if (!canStart)
        {
            if (_waitStart is null || dts < _waitStart.Value) _waitStart = dts;
            if (dts - _waitStart.Value < _options.MaxTicks)
            {
                // Publishers often send the first audio frame just before the first keyframe; hold audio briefly
                // so the first segment does not lose it.
                if (frame.Kind == MediaTrackKind.Audio) _heldAudio.Add(frame);
                else DroppedFrames++;
                if (_heldAudio.Count > 0 && (dts - _heldAudio[0].Dts > HeldAudioWindow || _heldAudio.Count > MaxHeldAudio))
                {
                    _heldAudio.RemoveAt(0);
                    DroppedFrames++;
                }
                return;
            }
        }
        _waitStart = null;
        StartSegment(frame, pts, dts, discontinuity: _pendingDiscontinuity);
        _pendingDiscontinuity = false;
        Write(frame, pts, dts);
        foreach (var held in _heldAudio)
        {
            if (held.Dts >= dts - HeldAudioWindow && held.Format == _programAudio) Write(held, held.Pts, held.Dts);
            else DroppedFrames++;
        }
        _heldAudio.Clear();
    }

    private void StartSegment(in MediaFrame frame, long pts, long dts, bool discontinuity)
    {
        var video = frame.Kind == MediaTrackKind.Video ? frame.Format : _announcedVideo;
        var audio = frame.Kind == MediaTrackKind.Audio ? frame.Format : _announcedAudio;
        if (_muxer is null || video != _programVideo || audio != _programAudio)
        {
            _muxer = new TsMuxer(StreamType(video), StreamType(audio));
            discontinuity |= _sequence > 0;
            _programVideo = video;
            _programAudio = audio;
        }
        _buffer.ResetWrittenCount();
        _muxer.WriteTables(_buffer);
        _open = true;
        _openedAt = _time.GetTimestamp();
        _startPts = pts;
        _startDts = dts;
        _lastEnd = pts;
        _discontinuity = discontinuity;
        _startsWithKeyframe = video is null || (frame.Kind == MediaTrackKind.Video && frame.Keyframe);
    }

    private void Write(in MediaFrame frame, long pts, long dts)
    {
        var k = (int)frame.Kind;
        if (_lastDts[k] != long.MinValue && dts > _lastDts[k]) _frameDuration[k] = Math.Min(dts - _lastDts[k], 90000);
        _lastDts[k] = dts;
        _lastEnd = Math.Max(_lastEnd, pts + _frameDuration[k]);
        if (frame.Kind == MediaTrackKind.Video) _muxer!.WriteVideo(_buffer, pts, dts, frame.Data.Span, frame.Keyframe);
        else _muxer!.WriteAudio(_buffer, pts, frame.Data.Span);
    }

    private MediaSegment Finish(long end)
    {
        var segment = new MediaSegment(
            _streamName,
            _sequence++,
            _buffer.WrittenSpan.ToArray(),
            _startPts,
            Math.Max(0, end - _startPts),
            _discontinuity,
            new SegmentTracks(_programVideo?.Codec, _programAudio?.Codec, _programVideo?.Width ?? 0, _programVideo?.Height ?? 0),
            _startsWithKeyframe);
        _buffer.ResetWrittenCount();
        _open = false;
        return segment;
    }

    private static TsStreamType? StreamType(TrackFormat? format) => format?.Codec switch
    {
        null => null,
        "h264" => TsStreamType.H264,
        "hevc" => TsStreamType.Hevc,
        "aac" => TsStreamType.AacAdts,
        var other => throw new NotSupportedException($"Codec '{other}' cannot be carried in MPEG-TS by this segmenter."),
    };
}
