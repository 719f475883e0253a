using Livepeer.Media.Codecs;
using Livepeer.Media.Flv;
using Livepeer.Media.Segmenting;

namespace Livepeer.Media.Ingest;

/// <summary>
/// Turns FLV audio/video tag bodies (as RTMP delivers them) into <see cref="MediaFrame"/>s for MPEG-TS: AVCC/HVCC to
/// Annex B with an AUD and the parameter sets before each IDR, raw AAC to ADTS, millisecond timestamps to 90 kHz.
/// </summary>
public sealed class FlvRemuxer
{
    private VideoDecoderConfiguration? _video;
    private TrackFormat? _videoFormat;
    private AudioSpecificConfig? _audio;
    private TrackFormat? _audioFormat;
    private bool _warnedAudioCodec;

    /// <summary>Video format from the last sequence header, if any.</summary>
    public TrackFormat? VideoFormat => _videoFormat;

    /// <summary>Audio format from the last sequence header, if any.</summary>
    public TrackFormat? AudioFormat => _audioFormat;

    /// <summary>Frames skipped because they arrived before their sequence header or use a codec we do not carry.</summary>
    public long SkippedFrames { get; private set; }

    /// <summary>Set when the stream carries a codec we cannot put in TS (for logs).</summary>
    public string? UnsupportedCodec { get; private set; }

    /// <summary>Handles a video tag body; returns a frame, or null for headers and skipped tags.</summary>
    public MediaFrame? Video(uint timestamp, ReadOnlyMemory<byte> body)
    {
        var packet = FlvVideoPacket.Parse(body);
        if (packet.Codec is null)
        {
            if (packet.Kind != FlvVideoPacketKind.Other || packet.Payload.Length > 0) UnsupportedCodec = packet.CodecName;
            SkippedFrames++;
            return null;
        }
        switch (packet.Kind)
        {
            case FlvVideoPacketKind.SequenceHeader:
                _video = packet.Codec.Value switch
                {
                    IngestCodec.H264 => VideoDecoderConfiguration.ParseAvc(packet.Payload.Span),
                    IngestCodec.Hevc => VideoDecoderConfiguration.ParseHevc(packet.Payload.Span),
                    var other => throw new ArgumentOutOfRangeException(nameof(packet), other, "Not an ingest codec."),
                };
                _videoFormat = new TrackFormat(IngestCodecTable.Of(packet.Codec.Value).ProbeName, _video.Width, _video.Height);
                return null;
            case FlvVideoPacketKind.CodedFrames:
                {
                    if (_video is null || _video.Codec != packet.Codec || packet.Payload.Length == 0)
                    {
                        SkippedFrames++;
                        return null;
                    }
                    var data = AnnexBWriter.Convert(packet.Payload.Span, _video, packet.Keyframe, out var idr);
                    var dts = (long)timestamp * 90;
                    var pts = dts + packet.CompositionTime * 90L;
                    // Only a real IDR/IRAP may start a segment; an FLV "keyframe" flag on a recovery-point I-frame is not enough.
                    return new MediaFrame(MediaTrackKind.Video, pts, dts, idr, data, _videoFormat!);
                }
            default:
                return null;
        }
    }

    /// <summary>Handles an audio tag body; returns a frame, or null for headers and skipped tags.</summary>
    public MediaFrame? Audio(uint timestamp, ReadOnlyMemory<byte> body)
    {
        var packet = FlvAudioPacket.Parse(body);
        if (!packet.IsAac)
        {
            if (!_warnedAudioCodec) UnsupportedCodec = $"FLV sound format {packet.SoundFormat}";
            _warnedAudioCodec = true;
            SkippedFrames++;
            return null;
        }
        if (packet.IsSequenceHeader)
        {
            _audio = AudioSpecificConfig.Parse(packet.Payload.Span);
            _audioFormat = new TrackFormat("aac", SampleRate: _audio.SampleRate, Channels: _audio.ChannelConfiguration);
            return null;
        }
        if (_audio is null || packet.Payload.Length == 0)
        {
            SkippedFrames++;
            return null;
        }
        var frame = new byte[packet.Payload.Length + 7];
        _audio.WriteAdtsHeader(frame, packet.Payload.Length);
        packet.Payload.Span.CopyTo(frame.AsSpan(7));
        var ts = (long)timestamp * 90;
        return new MediaFrame(MediaTrackKind.Audio, ts, ts, false, frame, _audioFormat!);
    }
}
