using Livepeer.Media.Codecs;
using Livepeer.Media.Segmenting;

namespace Livepeer.Media.MpegTs;

/// <summary>What a TS segment holds, as read back by <see cref="Probe"/> (for pushed segments and for checks).</summary>
/// <param name="Tracks">Codecs and picture size.</param>
/// <param name="StartPts">Earliest PTS (90 kHz).</param>
/// <param name="Duration">From the earliest PTS to the end of the last frame (90 kHz).</param>
/// <param name="VideoFrames">Video PES packets.</param>
/// <param name="AudioFrames">AAC frames (ADTS headers) across all audio PES packets.</param>
/// <param name="StartsWithKeyframe">The first video PES is a random access point (true when there is no video).</param>
/// <param name="ContinuityErrors">Continuity counter gaps.</param>
public sealed record TsSegmentInfo(SegmentTracks Tracks, long StartPts, long Duration, int VideoFrames, int AudioFrames, bool StartsWithKeyframe, int ContinuityErrors)
{
    private static readonly byte[] OtherVideoStreamTypes = [0x01, 0x02, 0x10, 0x33, 0xEA];
    private static readonly int[] AdtsRates = [96000, 88200, 64000, 48000, 44100, 32000, 24000, 22050, 16000, 12000, 11025, 8000, 7350];

    /// <summary>
    /// Wraps a TS segment that arrived from outside (HTTP push <c>PUT /live/{stream}/{seq}.ts</c>) as a
    /// <see cref="MediaSegment"/>, with tracks, start and duration read from the bytes; throws <see cref="TsFormatException"/>
    /// when the segment is unusable (garbage, truncated, zero frames).
    /// </summary>
    public static MediaSegment ToMediaSegment(string streamName, long sequence, ReadOnlyMemory<byte> ts, bool discontinuity = false)
    {
        var info = Probe(ts.Span);
        return new MediaSegment(streamName, sequence, ts, info.StartPts, info.Duration, discontinuity, info.Tracks, info.StartsWithKeyframe);
    }

    /// <summary>Demuxes and summarises a segment; throws <see cref="TsFormatException"/> when it is unusable.</summary>
    public static TsSegmentInfo Probe(ReadOnlySpan<byte> ts)
    {
        var result = TsDemuxer.Demux(ts);
        string? audioCodec = null;
        IngestCodec? ingest = null;
        ushort? videoPid = null, audioPid = null;
        foreach (var (pid, type) in result.Streams)
        {
            switch (type)
            {
                case TsStreamType.AacAdts when audioPid is null: audioCodec = "aac"; audioPid = pid; break;
                case var t when videoPid is null && IngestCodecTable.FromTsStreamType((byte)t) is { } c: ingest = c; videoPid = pid; break;
            }
        }
        // Video ingest cannot read (MPEG-2, MPEG-4 Part 2, VVC, VC-1) is refused, not published as an audio-only stream.
        if (videoPid is null && result.Streams.Select(s => s.Value).FirstOrDefault(t => OtherVideoStreamTypes.Contains((byte)t)) is var other && other != 0)
            throw new TsFormatException($"Segment's video is stream type 0x{(byte)other:X2}, which ingest does not accept; send {string.Join(" or ", IngestCodecTable.All.Select(c => c.ProbeName))}.");
        if (videoPid is null && audioPid is null)
            throw new TsFormatException($"Segment carries no H.264, HEVC or AAC stream (stream types: {string.Join(", ", result.Streams.Select(s => $"0x{(byte)s.Value:X2}"))}).");
        var video = result.Packets.Where(p => p.Pid == videoPid && p.Pts is not null).ToList();
        var audio = result.Packets.Where(p => p.Pid == audioPid && p.Pts is not null).ToList();
        if (video.Count == 0 && audio.Count == 0) throw new TsFormatException("Segment has no timestamped frames (zero-frame segment).");
        int width = 0, height = 0;
        var startsWithKey = true;
        if (video.Count > 0)
        {
            var codec = ingest!.Value;
            (width, height) = FindPictureSize(video, codec);
            startsWithKey = video[0].RandomAccess || ContainsIrap(video[0].Data, codec);
        }
        long start = long.MaxValue, end = long.MinValue;
        if (video.Count > 0)
        {
            var pts = video.Select(v => v.Pts!.Value).Order().ToList();
            var frame = pts.Count > 1 ? Median(pts.Zip(pts.Skip(1), (a, b) => b - a).ToList()) : 3000;
            start = pts[0];
            end = pts[^1] + frame;
        }
        var audioFrames = 0;
        if (audio.Count > 0)
        {
            foreach (var a in audio)
            {
                var (frames, rate) = CountAdts(a.Data);
                audioFrames += frames;
                var aEnd = a.Pts!.Value + (rate > 0 ? frames * 1024L * 90000 / rate : 0);
                if (video.Count == 0) start = Math.Min(start, a.Pts.Value);
                if (video.Count == 0) end = Math.Max(end, aEnd);
            }
        }
        return new TsSegmentInfo(new SegmentTracks(ingest is { } v ? IngestCodecTable.Of(v).ProbeName : null, audioCodec, width, height), start, end - start, video.Count, audioFrames, startsWithKey, result.ContinuityErrors);
    }

    private static long Median(List<long> values)
    {
        values.Sort();
        return values[values.Count / 2];
    }

    private static (int Frames, int Rate) CountAdts(byte[] data)
    {
        var frames = 0;
        var rate = 0;
        var pos = 0;
        while (pos + 7 <= data.Length && data[pos] == 0xFF && (data[pos + 1] & 0xF0) == 0xF0)
        {
            var index = (data[pos + 2] >> 2) & 0x0F;
            if (index < AdtsRates.Length) rate = AdtsRates[index];
            var length = ((data[pos + 3] & 3) << 11) | (data[pos + 4] << 3) | (data[pos + 5] >> 5);
            if (length < 7) break;
            frames++;
            pos += length;
        }
        return (frames, rate);
    }

    private static (int, int) FindPictureSize(List<TsPesPacket> video, IngestCodec codec)
    {
        foreach (var v in video)
        {
            foreach (var nal in AnnexBNalUnits(v.Data))
            {
                if (nal.Length == 0 || AnnexBWriter.NalType(codec, nal.Span[0]) != IngestCodecTable.Of(codec).SpsNalType) continue;
                try
                {
                    switch (codec)
                    {
                        case IngestCodec.H264:
                            var s = H264Sps.Parse(nal.Span);
                            return (s.Width, s.Height);
                        case IngestCodec.Hevc:
                            var h = HevcSps.Parse(nal.Span);
                            return (h.Width, h.Height);
                        default:
                            throw new ArgumentOutOfRangeException(nameof(codec), codec, "Not an ingest codec.");
                    }
                }
                catch (CodecFormatException)
                {
                    return (0, 0);
                }
            }
        }
        return (0, 0);
    }

    private static bool ContainsIrap(byte[] data, IngestCodec codec) =>
        AnnexBNalUnits(data).Any(n => n.Length > 0 && AnnexBWriter.NalType(codec, n.Span[0]) is var t && codec switch
        {
            IngestCodec.H264 => t == 5,
            IngestCodec.Hevc => t is >= 16 and <= 21,
            _ => throw new ArgumentOutOfRangeException(nameof(codec), codec, "Not an ingest codec."),
        });

    /// <summary>Splits Annex B bytes at 00 00 01 start codes.</summary>
    internal static IEnumerable<ReadOnlyMemory<byte>> AnnexBNalUnits(byte[] data)
    {
        var starts = new List<(int Prefix, int Payload)>();
        for (var i = 0; i + 2 < data.Length; i++)
        {
            if (data[i] == 0 && data[i + 1] == 0 && data[i + 2] == 1)
            {
                var prefix = i > 0 && data[i - 1] == 0 ? i - 1 : i;
                starts.Add((prefix, i + 3));
                i += 2;
            }
        }
        for (var s = 0; s < starts.Count; s++)
        {
            var end = s + 1 < starts.Count ? starts[s + 1].Prefix : data.Length;
            yield return data.AsMemory(starts[s].Payload, Math.Max(0, end - starts[s].Payload));
        }
    }
}
