using System.Text;

namespace Livepeer.Media.Dash;

/// <summary>
/// A WebM file split for DASH (WebM DASH layout): the init segment is the EBML header plus a live (unknown-size) Segment
/// holding Info (without Duration) and Tracks; the media segment is the Clusters. Used for VP8, which MP4 cannot carry in ffmpeg 5.1.
/// </summary>
public sealed class WebmSegment
{
    private const uint EbmlId = 0x1A45DFA3, SegmentId = 0x18538067, InfoId = 0x1549A966, TracksId = 0x1654AE6B, ClusterId = 0x1F43B675;
    private const uint DurationId = 0x4489, TimecodeScaleId = 0x2AD7B1, TimecodeId = 0xE7, TrackEntryId = 0xAE, VideoId = 0xE0;
    private const uint PixelWidthId = 0xB0, PixelHeightId = 0xBA, CodecIdId = 0x86;

    /// <summary>EBML header + Segment (unknown size) + Info + Tracks.</summary>
    public required byte[] Init { get; init; }

    /// <summary>The Clusters.</summary>
    public required byte[] Media { get; init; }

    /// <summary>First Cluster's timestamp in milliseconds (TimecodeScale applied).</summary>
    public required long StartMs { get; init; }

    /// <summary>Matroska CodecID of the first track, e.g. V_VP8.</summary>
    public required string CodecId { get; init; }

    /// <summary>Video width.</summary>
    public int Width { get; init; }

    /// <summary>Video height.</summary>
    public int Height { get; init; }

    /// <summary>Splits a complete WebM file; throws <see cref="FormatException"/> when it is not one.</summary>
    public static WebmSegment Parse(byte[] data)
    {
        try { return ParseUnchecked(data); }
        catch (Exception e) when (e is ArgumentOutOfRangeException or IndexOutOfRangeException or OverflowException)
        {
            throw new FormatException($"Malformed WebM: {e.Message}", e);
        }
    }

    private static WebmSegment ParseUnchecked(byte[] d)
    {
        var init = new MemoryStream();
        var media = new MemoryStream();
        long? startTicks = null;
        ulong timecodeScale = 1_000_000;
        string codec = "";
        int width = 0, height = 0;
        int off = 0;
        bool sawSegment = false;
        while (off < d.Length)
        {
            var (id, size, header, unknown) = Element(d, off);
            if (id == EbmlId)
            {
                init.Write(d, off, header + (int)size);
                off += header + (int)size;
                continue;
            }
            if (id != SegmentId) throw new FormatException($"Unexpected top-level element 0x{id:X} at {off}.");
            sawSegment = true;
            // A live segment: unknown size, so clusters can follow in later media segments.
            init.Write(d, off, IdLength(d[off]));
            init.Write([0x01, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF]);
            int end = unknown ? d.Length : checked(off + header + (int)size);
            int p = off + header;
            while (p < end)
            {
                var (cid, csize, cheader, cunknown) = Element(d, p);
                int cend = cunknown ? end : checked(p + cheader + (int)csize);
                if (cend > d.Length) throw new FormatException($"Element 0x{cid:X} at {p} runs past the end.");
                switch (cid)
                {
                    case InfoId:
                    {
                        var kept = new MemoryStream();
                        for (int q = p + cheader; q < cend;)
                        {
                            var (iid, isize, iheader, _) = Element(d, q);
                            if (iid == TimecodeScaleId) timecodeScale = ReadUInt(d, q + iheader, (int)isize);
                            if (iid != DurationId) kept.Write(d, q, iheader + (int)isize); // a live stream has no duration
                            q += iheader + (int)isize;
                        }
                        WriteElement(init, InfoId, kept.ToArray());
                        break;
                    }
                    case TracksId:
                        init.Write(d, p, cend - p);
                        ReadTrack(d, p + cheader, cend, ref codec, ref width, ref height);
                        break;
                    case ClusterId:
                        if (startTicks is null)
                        {
                            var (tid, tsize, theader, _) = Element(d, p + cheader);
                            if (tid != TimecodeId) throw new FormatException("Cluster does not start with its Timecode.");
                            startTicks = (long)ReadUInt(d, p + cheader + theader, (int)tsize);
                        }
                        media.Write(d, p, cend - p);
                        break;
                }
                p = cend;
            }
            off = end;
        }
        if (!sawSegment || startTicks is null) throw new FormatException("No Segment with Clusters: not a WebM media file.");
        return new WebmSegment
        {
            Init = init.ToArray(),
            Media = media.ToArray(),
            StartMs = (long)((ulong)startTicks.Value * timecodeScale / 1_000_000),
            CodecId = codec,
            Width = width,
            Height = height,
        };
    }

    private static void ReadTrack(byte[] d, int start, int end, ref string codec, ref int width, ref int height)
    {
        for (int p = start; p < end;)
        {
            var (id, size, header, _) = Element(d, p);
            int body = p + header;
            if (id == TrackEntryId) { ReadTrack(d, body, body + (int)size, ref codec, ref width, ref height); if (codec.Length > 0) return; }
            else if (id == VideoId) ReadTrack(d, body, body + (int)size, ref codec, ref width, ref height);
            else if (id == CodecIdId) codec = Encoding.ASCII.GetString(d, body, (int)size);
            else if (id == PixelWidthId) width = (int)ReadUInt(d, body, (int)size);
            else if (id == PixelHeightId) height = (int)ReadUInt(d, body, (int)size);
            p = body + (int)size;
        }
    }

    private static int IdLength(byte first)
    {
        int len = 1;
        for (int mask = 0x80; len <= 4 && (first & mask) == 0; mask >>= 1) len++;
        if (len > 4) throw new FormatException("Invalid EBML element ID.");
        return len;
    }

    private static (uint Id, ulong Size, int Header, bool Unknown) Element(byte[] d, int off)
    {
        int idLen = IdLength(d[off]);
        uint id = 0;
        for (int i = 0; i < idLen; i++) id = (id << 8) | d[off + i];
        int p = off + idLen;
        byte first = d[p];
        int len = 1;
        for (int mask = 0x80; len <= 8 && (first & mask) == 0; mask >>= 1) len++;
        if (len > 8) throw new FormatException($"Invalid EBML size at {p}.");
        ulong size = (ulong)(first & (0xFF >> len));
        bool allOnes = size == (ulong)(0xFF >> len);
        for (int i = 1; i < len; i++) { size = (size << 8) | d[p + i]; allOnes &= d[p + i] == 0xFF; }
        if (!allOnes && size > int.MaxValue) throw new FormatException($"EBML element at {off} is too large.");
        return (id, size, idLen + len, allOnes);
    }

    private static ulong ReadUInt(byte[] d, int off, int len)
    {
        if (len > 8) throw new FormatException("EBML unsigned integer longer than 8 bytes.");
        ulong v = 0;
        for (int i = 0; i < len; i++) v = (v << 8) | d[off + i];
        return v;
    }

    private static void WriteElement(Stream s, uint id, byte[] body)
    {
        int idLen = id > 0xFFFFFF ? 4 : id > 0xFFFF ? 3 : id > 0xFF ? 2 : 1;
        for (int i = idLen - 1; i >= 0; i--) s.WriteByte((byte)(id >> (8 * i)));
        // 8-byte size field: simple and always large enough.
        s.WriteByte(0x01);
        for (int i = 6; i >= 0; i--) s.WriteByte((byte)((ulong)body.Length >> (8 * i)));
        s.Write(body);
    }
}
