using Livepeer.Media.Codecs;

namespace Livepeer.Media.MpegTs;

/// <summary>
/// What an MPEG-TS segment's first video stream holds, read from the container and the parameter sets without decoding:
/// pictures counted by their first slice, each picture's size from the SPS active at that point, presentation times from
/// the PES headers, and whether an audio stream carries packets.
/// </summary>
/// <param name="StreamType">PMT stream_type of the first video stream (0x1B H.264, 0x24 HEVC, anything else is reported as is).</param>
/// <param name="Pictures">Coded pictures (access units) in the video stream.</param>
/// <param name="Pixels">Sum of width x height over the pictures, each at the size of the SPS in force.</param>
/// <param name="Width">Cropped width of the first picture.</param>
/// <param name="Height">Cropped height of the first picture.</param>
/// <param name="SizeChanges">True when some picture's size differs from the first picture's.</param>
/// <param name="PtsTicks">Video PES presentation times (90 kHz), unwrapped past the 33-bit rollover, in arrival order.</param>
/// <param name="HasAudio">True when the PMT declares an audio stream and at least one audio PES arrived.</param>
public sealed record TsPictureScan(byte StreamType, long Pictures, long Pixels, int Width, int Height, bool SizeChanges, IReadOnlyList<long> PtsTicks, bool HasAudio)
{
    private const long PtsWrap = 1L << 33;
    private static ReadOnlySpan<byte> StartCode => [0, 0, 1];

    /// <summary>Scans <paramref name="ts"/>; throws <see cref="FormatException"/> (a <see cref="TsFormatException"/> or
    /// <see cref="CodecFormatException"/>) when it is not MPEG-TS, has no video, or a picture comes before any SPS.</summary>
    public static TsPictureScan Read(ReadOnlySpan<byte> ts)
    {
        var demux = TsDemuxer.Demux(ts);
        ushort? videoPid = null;
        byte videoType = 0;
        var audioPids = new HashSet<ushort>();
        foreach (var (pid, type) in demux.Streams)
        {
            byte t = (byte)type;
            if (IsVideo(t) && videoPid is null) { videoPid = pid; videoType = t; }
            else if (IsAudio(t)) audioPids.Add(pid);
        }
        if (videoPid is null) throw new TsFormatException("The PMT declares no video stream.");
        bool hasAudio = demux.Packets.Any(p => audioPids.Contains(p.Pid));
        var pts = new List<long>();
        long? first = null;
        foreach (var p in demux.Packets)
        {
            if (p.Pid != videoPid || p.Pts is not { } raw) continue;
            first ??= raw;
            pts.Add(raw < first.Value - PtsWrap / 2 ? raw + PtsWrap : raw);
        }
        if (IngestCodecTable.FromTsStreamType(videoType) is not { } codec)
            return new TsPictureScan(videoType, 0, 0, 0, 0, false, pts, hasAudio); // not a codec we read: the codec check fails it

        long pictures = 0, pixels = 0;
        int width = 0, height = 0, curW = 0, curH = 0;
        bool sizeChanges = false;
        foreach (var p in demux.Packets)
        {
            if (p.Pid != videoPid) continue;
            var data = p.Data.AsSpan();
            // Vectorised search for 00 00 01: this walk is the whole cost of the scan (the payload is most of the bytes).
            int at = data.IndexOf(StartCode);
            while (at >= 0)
            {
                int from = at + 3;
                int len = data[from..].IndexOf(StartCode);
                int next = len < 0 ? -1 : from + len;
                var n = data[from..(next < 0 ? data.Length : next)];
                at = next;
                if (n.Length < (codec == IngestCodec.H264 ? 2 : 3)) continue;
                int type = AnnexBWriter.NalType(codec, n[0]);
                if (codec == IngestCodec.H264 && type == IngestCodecTable.Of(codec).SpsNalType)
                {
                    var sps = H264Sps.Parse(n);
                    (curW, curH) = (sps.Width, sps.Height);
                    continue;
                }
                if (codec == IngestCodec.Hevc && type == IngestCodecTable.Of(codec).SpsNalType)
                {
                    var sps = HevcSps.Parse(n);
                    (curW, curH) = (sps.Width, sps.Height);
                    continue;
                }
                if (!FirstSliceOfPicture(codec, type, n)) continue;
                if (curW == 0) throw new CodecFormatException($"Picture {pictures} comes before any sequence parameter set: it cannot be decoded.");
                if (pictures == 0) (width, height) = (curW, curH);
                else if (curW != width || curH != height) sizeChanges = true;
                pictures++;
                pixels += (long)curW * curH;
            }
        }
        return new TsPictureScan(videoType, pictures, pixels, width, height, sizeChanges, pts, hasAudio);
    }

    /// <summary>A VCL NAL unit that starts a picture: H.264 first_mb_in_slice == 0 (its ue(v) is the single bit 1),
    /// HEVC first_slice_segment_in_pic_flag.</summary>
    private static bool FirstSliceOfPicture(IngestCodec codec, int type, ReadOnlySpan<byte> nal) => codec switch
    {
        IngestCodec.H264 => type is >= 1 and <= 5 && (nal[1] & 0x80) != 0,
        IngestCodec.Hevc => type is >= 0 and <= 31 && (nal[2] & 0x80) != 0,
        _ => throw new ArgumentOutOfRangeException(nameof(codec), codec, "Only H.264 and HEVC carry slices in MPEG-TS here."),
    };

    /// <summary>Video stream types from ISO/IEC 13818-1 table 2-34 (MPEG-1/2 video, MPEG-4 part 2, H.264, HEVC).</summary>
    private static bool IsVideo(byte type) => type is 0x01 or 0x02 or 0x10 or 0x1B or 0x24;

    /// <summary>Audio stream types (MPEG-1/2 audio, AAC ADTS, AAC LATM, AC-3).</summary>
    private static bool IsAudio(byte type) => type is 0x03 or 0x04 or 0x0F or 0x11 or 0x81;
}
