using System.Collections.Concurrent;
using Livepeer.Media.Amf;
using Livepeer.Media.Rtmp;
using Livepeer.Media.Segmenting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Livepeer.Media.Ingest;

/// <summary>
/// Wires RTMP publishing to segments: for each accepted publisher it remuxes FLV to MPEG-TS, cuts segments and hands
/// them to an <see cref="IMediaSegmentSink"/>; per-stream state is dropped when the publisher leaves. Pass it to an
/// <see cref="RtmpServer"/> as its publish handler.
/// </summary>
public sealed class LiveIngest : IRtmpPublishHandler
{
    private readonly IMediaSegmentSink _sink;
    private readonly LiveIngestOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, LiveStreamInfo> _active = new(StringComparer.Ordinal);

    /// <summary>Creates the ingest.</summary>
    public LiveIngest(IMediaSegmentSink sink, LiveIngestOptions? options = null, ILogger<LiveIngest>? logger = null, TimeProvider? timeProvider = null)
    {
        _sink = sink;
        _options = options ?? new LiveIngestOptions();
        _options.Segmenter.Validate();
        _logger = logger ?? NullLogger<LiveIngest>.Instance;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Streams being published now.</summary>
    public IReadOnlyCollection<LiveStreamInfo> ActiveStreams => [.. _active.Values];

    /// <summary>Checks a stream key: 1-128 characters of A-Z a-z 0-9 . _ -, not starting with '.'; null when valid.</summary>
    public static string? ValidateStreamKey(string key)
    {
        if (key.Length is 0 or > 128) return $"Stream key must be 1 to 128 characters (got {key.Length}).";
        if (key[0] == '.') return "Stream key must not start with '.'.";
        foreach (var c in key)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
                return $"Stream key '{key}' contains '{c}'; use only letters, digits, '.', '_' and '-'.";
        }
        return null;
    }

    /// <inheritdoc/>
    public async ValueTask<RtmpPublishResult> PublishAsync(RtmpPublishRequest request, CancellationToken cancellationToken)
    {
        if (ValidateStreamKey(request.StreamKey) is { } invalid) return RtmpPublishResult.Refuse(invalid);
        if (_options.Apps.Count > 0 && !_options.Apps.Contains(request.App))
            return RtmpPublishResult.Refuse($"Application '{request.App}' is not served; publish to one of: {string.Join(", ", _options.Apps)}.");
        if (_options.AuthorizePublish is { } hook && await hook(request, cancellationToken).ConfigureAwait(false) is { } refusal)
            return RtmpPublishResult.Refuse(refusal);
        var name = request.StreamKey;
        IReadOnlyList<Profiles.VideoProfile>? profiles = null;
        if (_options.Authorize is { } authorize)
        {
            var answer = await authorize(request, cancellationToken).ConfigureAwait(false);
            if (answer.Refusal is { } refused)
            {
                _logger.PublisherRefused(request.App, Redact(request.StreamKey), request.RemoteEndPoint, refused);
                return RtmpPublishResult.Refuse(refused);
            }
            if (answer.StreamName is { } renamed)
            {
                if (ValidateStreamKey(renamed) is { } bad) return RtmpPublishResult.Refuse($"The authorization named an unusable playback id: {bad}");
                name = renamed;
            }
            profiles = answer.Profiles;
        }
        var info = new LiveStreamInfo(name, request.App, _time.GetUtcNow()) { Profiles = profiles };
        if (!_active.TryAdd(name, info))
            return RtmpPublishResult.Refuse($"Stream '{name}' is already being published.");
        try
        {
            await _sink.StreamStartedAsync(info, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            _active.TryRemove(name, out _);
            throw;
        }
        return RtmpPublishResult.Accept(new Session(this, info));
    }

    // A secret stream key stays out of logs: its first characters are enough to tell streams apart.
    private static string Redact(string key) => key.Length <= 4 ? "****" : key[..4] + "…";

    private sealed class Session(LiveIngest owner, LiveStreamInfo info) : IRtmpPublishSession
    {
        private readonly FlvRemuxer _remuxer = new();
        private readonly Segmenter _segmenter = new(info.StreamName, owner._options.Segmenter, owner._time);
        private TrackFormat? _announcedVideo;
        private TrackFormat? _announcedAudio;
        private int _ended;

        public ValueTask OnMetaDataAsync(AmfObject metadata, CancellationToken cancellationToken)
        {
            owner._logger.StreamMetadata(info.StreamName, metadata.GetNumber("width"), metadata.GetNumber("height"), metadata["videocodecid"], metadata["audiocodecid"]);
            return ValueTask.CompletedTask;
        }

        public ValueTask OnAudioAsync(uint timestamp, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
        {
            var frame = _remuxer.Audio(timestamp, body);
            Announce(MediaTrackKind.Audio, _remuxer.AudioFormat, ref _announcedAudio);
            return frame is { } fr ? PushAsync(fr, cancellationToken) : ValueTask.CompletedTask;
        }

        public ValueTask OnVideoAsync(uint timestamp, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
        {
            var frame = _remuxer.Video(timestamp, body);
            Announce(MediaTrackKind.Video, _remuxer.VideoFormat, ref _announcedVideo);
            return frame is { } fr ? PushAsync(fr, cancellationToken) : ValueTask.CompletedTask;
        }

        // A new decoder configuration (the first, or a change mid-stream) goes to the segmenter before the frames that need it.
        private void Announce(MediaTrackKind kind, TrackFormat? format, ref TrackFormat? announced)
        {
            if (format is null || ReferenceEquals(format, announced)) return;
            announced = format;
            _segmenter.Announce(kind, format);
        }

        private ValueTask PushAsync(in MediaFrame frame, CancellationToken cancellationToken) =>
            _segmenter.Push(frame) is { } segment ? owner._sink.SegmentReadyAsync(segment, cancellationToken) : ValueTask.CompletedTask;

        public async ValueTask EndAsync(Exception? error)
        {
            if (Interlocked.Exchange(ref _ended, 1) != 0) return;
            try
            {
                if (_segmenter.Flush() is { } last) await owner._sink.SegmentReadyAsync(last, CancellationToken.None).ConfigureAwait(false);
                await owner._sink.StreamEndedAsync(info, error, CancellationToken.None).ConfigureAwait(false);
            }
            finally
            {
                owner._active.TryRemove(new KeyValuePair<string, LiveStreamInfo>(info.StreamName, info));
                owner._logger.StreamEnded(info.StreamName, _segmenter.SegmentCount, error is null ? "" : $": {error.Message}");
                if (_remuxer.UnsupportedCodec is { } codec)
                    owner._logger.CodecSkipped(info.StreamName, codec);
            }
        }
    }
}
