using System.Buffers.Binary;
using System.Text;

namespace Livepeer.Media.WebM;

/// <summary>
/// What a WebM (Matroska) file's first video track holds, read from the container without decoding: frames counted from its
/// SimpleBlocks and BlockGroups (laced blocks count every frame), presentation times from the cluster and block timecodes,
/// size from the track's PixelWidth/PixelHeight and, for VP8, from every keyframe's own header (invisible VP8 frames, which a
/// decoder never outputs, are not counted).
/// </summary>
/// <param name="CodecId">Matroska CodecID of the video track, e.g. V_VP8.</param>
/// <param name="Frames">Shown video frames.</param>
/// <param name="Pixels">Sum of width x height over the frames.</param>
/// <param name="Width">Width of the first frame.</param>
/// <param name="Height">Height of the first frame.</param>
/// <param name="SizeChanges">True when some frame's size differs from the first frame's (or a VP8 keyframe disagrees with the track header).</param>
/// <param name="TimesSeconds">Block presentation times in seconds, in file order.</param>
/// <param name="DefaultDurationNs">The track's DefaultDuration (ns per frame), when present.</param>
/// <param name="HasAudio">True when an audio track has at least one block.</param>
public sealed record WebmBlockScan(string CodecId, long Frames, long Pixels, int Width, int Height, bool SizeChanges,
    IReadOnlyList<double> TimesSeconds, long? DefaultDurationNs, bool HasAudio)
{
    private const uint SegmentId = 0x18538067, InfoId = 0x1549A966, TracksId = 0x1654AE6B, ClusterId = 0x1F43B675;
    private const uint TimecodeScaleId = 0x2AD7B1, TimecodeId = 0xE7, SimpleBlockId = 0xA3, BlockGroupId = 0xA0, BlockId = 0xA1;
    private const uint TrackEntryId = 0xAE, TrackNumberId = 0xD7, TrackTypeId = 0x83, CodecIdId = 0x86, DefaultDurationId = 0x23E383;
    private const uint VideoId = 0xE0, PixelWidthId = 0xB0, PixelHeightId = 0xBA;

    /// <summary>Scans a complete WebM file; throws <see cref="FormatException"/> when it is malformed, truncated or has no video track.</summary>
    public static WebmBlockScan Read(ReadOnlySpan<byte> d)
    {
        try { return ReadUnchecked(d); }
        catch (Exception e) when (e is ArgumentOutOfRangeException or IndexOutOfRangeException or OverflowException)
        {
            // A field shorter than its element claims: malformed input like every other structural problem.
            throw new FormatException($"Malformed WebM: {e.Message}", e);
        }
    }

    private sealed class Track
    {
        public ulong Number;
        public ulong Type;
        public string Codec = "";
        public int Width, Height;
        public long? DefaultDuration;
    }

    private static WebmBlockScan ReadUnchecked(ReadOnlySpan<byte> d)
    {
        ulong timecodeScale = 1_000_000;
        var tracks = new List<Track>();
        Track? video = null;
        long clusterTc = 0;
        bool inCluster = false, sawSegment = false, audioBlocks = false;
        long frames = 0, pixels = 0;
        int width = 0, height = 0, curW = 0, curH = 0;
        bool sizeChanges = false;
        var ticks = new List<long>();
        int p = 0, end = d.Length;
        while (p < end)
        {
            var (id, size, header, unknown) = Element(d, p);
            int body = p + header;
            if (unknown && id is not (SegmentId or ClusterId))
                throw new FormatException($"Element 0x{id:X} at {p} has an unknown size; only Segment and Cluster may.");
            int next = unknown ? end : checked(body + (int)size);
            if (next > d.Length) throw new FormatException($"Element 0x{id:X} at {p} ({size} bytes) runs past the end of the file ({d.Length} bytes).");
            switch (id)
            {
                case SegmentId:
                    sawSegment = true;
                    end = next;
                    p = body; // step in: its children are walked by this loop
                    continue;
                case ClusterId:
                    if (video is null) throw new FormatException("A Cluster comes before the Tracks describing a video track.");
                    inCluster = true;
                    clusterTc = 0;
                    p = body;
                    continue;
                case BlockGroupId:
                    p = body;
                    continue;
                case InfoId:
                    for (int q = body; q < next;)
                    {
                        var (iid, isize, iheader, _) = Element(d, q);
                        if (iid == TimecodeScaleId) timecodeScale = ReadUInt(d.Slice(q + iheader, (int)isize));
                        q += iheader + (int)isize;
                    }
                    break;
                case TracksId:
                    ReadTracks(d[body..next], tracks);
                    video = tracks.FirstOrDefault(t => t.Type == 1)
                        ?? throw new FormatException($"The Tracks hold no video track (types: {string.Join(", ", tracks.Select(t => t.Type))}).");
                    (curW, curH) = (video.Width, video.Height);
                    break;
                case TimecodeId when inCluster:
                    clusterTc = (long)ReadUInt(d[body..next]);
                    break;
                case SimpleBlockId or BlockId when inCluster:
                {
                    var block = d[body..next];
                    int n = VintLength(block[0]);
                    ulong track = ReadVint(block, n);
                    short rel = BinaryPrimitives.ReadInt16BigEndian(block[n..]);
                    byte flags = block[n + 2];
                    if (video!.Number != track)
                    {
                        audioBlocks |= tracks.Any(t => t.Number == track && t.Type == 2);
                        break;
                    }
                    int lacing = (flags >> 1) & 3;
                    int count = lacing == 0 ? 1 : block[n + 3] + 1;
                    var payload = block[(n + 3)..];
                    if (lacing == 0 && video.Codec == "V_VP8")
                    {
                        if (!Vp8Frame(payload, ref curW, ref curH, out bool shown)) throw new FormatException($"VP8 frame {frames} comes before any keyframe: it cannot be decoded.");
                        if (!shown) break;
                    }
                    ticks.Add(clusterTc + rel);
                    for (int i = 0; i < count; i++)
                    {
                        if (frames == 0) (width, height) = (curW, curH);
                        else if (curW != width || curH != height) sizeChanges = true;
                        frames++;
                        pixels += (long)curW * curH;
                    }
                    break;
                }
            }
            p = next;
        }
        if (!sawSegment) throw new FormatException("No Segment element: not a WebM file.");
        if (video is null) throw new FormatException("No Tracks element with a video track.");
        if (frames > 0 && (width != video.Width || height != video.Height)) sizeChanges = true;
        var seconds = ticks.Select(t => t * (double)timecodeScale / 1e9).ToList();
        return new WebmBlockScan(video.Codec, frames, pixels, width, height, sizeChanges, seconds, video.DefaultDuration, audioBlocks);
    }

    /// <summary>Reads a VP8 frame tag (RFC 6386 9.1); a keyframe sets the size. False when an inter frame has no size yet.</summary>
    private static bool Vp8Frame(ReadOnlySpan<byte> f, ref int width, ref int height, out bool shown)
    {
        if (f.Length < 3) throw new FormatException("VP8 frame shorter than its 3-byte frame tag.");
        shown = (f[0] & 0x10) != 0;
        if ((f[0] & 1) == 0)
        {
            if (f.Length < 10 || f[3] != 0x9D || f[4] != 0x01 || f[5] != 0x2A) throw new FormatException("VP8 keyframe without its 9D 01 2A start code.");
            width = BinaryPrimitives.ReadUInt16LittleEndian(f[6..]) & 0x3FFF;
            height = BinaryPrimitives.ReadUInt16LittleEndian(f[8..]) & 0x3FFF;
            return true;
        }
        return width > 0;
    }

    private static void ReadTracks(ReadOnlySpan<byte> d, List<Track> tracks)
    {
        for (int p = 0; p < d.Length;)
        {
            var (id, size, header, _) = Element(d, p);
            int body = p + header, next = checked(body + (int)size);
            if (next > d.Length) throw new FormatException("A TrackEntry runs past its Tracks element.");
            if (id == TrackEntryId)
            {
                var t = new Track();
                ReadTrackFields(d[body..next], t);
                tracks.Add(t);
            }
            p = next;
        }
    }

    private static void ReadTrackFields(ReadOnlySpan<byte> d, Track t)
    {
        for (int p = 0; p < d.Length;)
        {
            var (id, size, header, _) = Element(d, p);
            int body = p + header, next = checked(body + (int)size);
            if (next > d.Length) throw new FormatException($"Track field 0x{id:X} runs past its TrackEntry.");
            var v = d[body..next];
            switch (id)
            {
                case TrackNumberId: t.Number = ReadUInt(v); break;
                case TrackTypeId: t.Type = ReadUInt(v); break;
                case CodecIdId: t.Codec = Encoding.ASCII.GetString(v).TrimEnd('\0'); break;
                case DefaultDurationId: t.DefaultDuration = (long)ReadUInt(v); break;
                case VideoId: ReadTrackFields(v, t); break;
                case PixelWidthId: t.Width = checked((int)ReadUInt(v)); break;
                case PixelHeightId: t.Height = checked((int)ReadUInt(v)); break;
            }
            p = next;
        }
    }

    private static int VintLength(byte first)
    {
        int len = 1;
        for (int mask = 0x80; len <= 8 && (first & mask) == 0; mask >>= 1) len++;
        if (len > 8) throw new FormatException("Invalid EBML variable-length integer (first byte 0).");
        return len;
    }

    private static ulong ReadVint(ReadOnlySpan<byte> d, int len)
    {
        ulong v = (ulong)(d[0] & (0xFF >> len));
        for (int i = 1; i < len; i++) v = (v << 8) | d[i];
        return v;
    }

    private static (uint Id, ulong Size, int Header, bool Unknown) Element(ReadOnlySpan<byte> d, int off)
    {
        int idLen = VintLength(d[off]);
        if (idLen > 4) throw new FormatException($"Invalid EBML element ID at {off}.");
        uint id = 0;
        for (int i = 0; i < idLen; i++) id = (id << 8) | d[off + i];
        int p = off + idLen;
        int len = VintLength(d[p]);
        ulong size = ReadVint(d[p..], len);
        bool unknown = size == (1UL << (7 * len)) - 1;
        if (!unknown && size > int.MaxValue) throw new FormatException($"EBML element at {off} claims {size} bytes.");
        return (id, size, idLen + len, unknown);
    }

    private static ulong ReadUInt(ReadOnlySpan<byte> v)
    {
        if (v.Length > 8) throw new FormatException("EBML unsigned integer longer than 8 bytes.");
        ulong x = 0;
        foreach (var b in v) x = (x << 8) | b;
        return x;
    }
}
