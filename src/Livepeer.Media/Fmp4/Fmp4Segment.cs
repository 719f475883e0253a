using System.Buffers.Binary;
using System.Text;

namespace Livepeer.Media.Fmp4;

/// <summary>
/// A fragmented MP4 file split the way HLS (EXT-X-MAP) and DASH (SegmentTemplate initialization/media) need it:
/// the init segment (ftyp+moov) and the media segment (styp + every moof/mdat pair), plus each track's timing.
/// </summary>
public sealed class Fmp4Segment
{
    private static readonly byte[] Styp = BuildStyp();

    /// <summary>ftyp + moov.</summary>
    public required byte[] Init { get; init; }

    /// <summary>styp + moof/mdat pairs (starts with a SAP since the transcoder opens each segment with a keyframe).</summary>
    public required byte[] Media { get; init; }

    /// <summary>Tracks from the moov.</summary>
    public required IReadOnlyList<Fmp4Track> Tracks { get; init; }

    /// <summary>Per track id: tfdt of the first fragment, in the track's timescale.</summary>
    public required IReadOnlyDictionary<uint, ulong> BaseDecodeTime { get; init; }

    /// <summary>Per track id: the summed sample durations of all fragments, in the track's timescale.</summary>
    public required IReadOnlyDictionary<uint, ulong> Duration { get; init; }

    /// <summary>Per track id: the number of samples (frames) in all fragments.</summary>
    public required IReadOnlyDictionary<uint, long> SampleCount { get; init; }

    /// <summary>Frames per second of the video track measured from its samples and duration (0 without video).</summary>
    public double VideoFrameRate => Video is { } v && Duration.TryGetValue(v.TrackId, out var d) && d > 0 && SampleCount.TryGetValue(v.TrackId, out var n)
        ? Math.Round(n * (double)v.Timescale / d, 3) : 0;

    /// <summary>The first video track, if any.</summary>
    public Fmp4Track? Video => Tracks.FirstOrDefault(t => t.Handler == "vide");

    /// <summary>The first audio track, if any.</summary>
    public Fmp4Track? Audio => Tracks.FirstOrDefault(t => t.Handler == "soun");

    /// <summary>Splits a complete fragmented MP4 (as ffmpeg writes with empty_moov); throws <see cref="FormatException"/> when it is not one.</summary>
    public static Fmp4Segment Parse(byte[] data)
    {
        try { return ParseUnchecked(data); }
        catch (Exception e) when (e is ArgumentOutOfRangeException or IndexOutOfRangeException or OverflowException)
        {
            // A box shorter than its fields claim: report it as malformed input, like every other structural problem.
            throw new FormatException($"Malformed fMP4: {e.Message}", e);
        }
    }

    private static Fmp4Segment ParseUnchecked(byte[] data)
    {
        var span = data.AsSpan();
        var top = BmffBox.Read(span, 0, data.Length);
        var moov = top.FirstOrDefault(b => b.Type == "moov");
        if (moov.Type is null) throw new FormatException("No moov box: not an fMP4 init + fragment file.");
        var tracks = ReadTracks(span, moov);
        var media = new MemoryStream();
        media.Write(Styp);
        var baseTimes = new Dictionary<uint, ulong>();
        var durations = new Dictionary<uint, ulong>();
        var counts = new Dictionary<uint, long>();
        int initEnd = 0;
        foreach (var b in top)
        {
            if (b.Type is "ftyp" or "moov") { initEnd = Math.Max(initEnd, b.End); continue; }
            if (b.Type is "moof" or "mdat")
            {
                media.Write(span.Slice(b.Offset, b.Size));
                if (b.Type == "moof") ReadFragment(span, b, tracks, baseTimes, durations, counts);
            }
        }
        if (media.Length == Styp.Length) throw new FormatException("No moof/mdat fragments: the file holds no media.");
        // moof data offsets are relative to the moof itself (default_base_moof), so copying moof+mdat pairs keeps them valid.
        return new Fmp4Segment
        {
            Init = span[..initEnd].ToArray(),
            Media = media.ToArray(),
            Tracks = tracks,
            BaseDecodeTime = baseTimes,
            Duration = durations,
            SampleCount = counts,
        };
    }

    /// <summary>
    /// Returns a copy of a media segment (styp/moof/mdat) with every tfdt moved by <paramref name="ticks"/> (track timescale):
    /// used to keep a DASH timeline continuous across a source timestamp discontinuity.
    /// </summary>
    public static byte[] ShiftDecodeTime(ReadOnlySpan<byte> media, long ticks)
    {
        var copy = media.ToArray();
        if (ticks == 0) return copy;
        foreach (var moof in BmffBox.Read(copy, 0, copy.Length).Where(b => b.Type == "moof"))
        {
            foreach (var traf in moof.Children(copy).Where(b => b.Type == "traf"))
            {
                foreach (var tfdt in traf.Children(copy).Where(b => b.Type == "tfdt"))
                {
                    var at = copy.AsSpan(tfdt.PayloadOffset + 4);
                    if (copy[tfdt.PayloadOffset] == 1)
                    {
                        long shifted = checked((long)BinaryPrimitives.ReadUInt64BigEndian(at) + ticks);
                        if (shifted < 0) throw new ArgumentOutOfRangeException(nameof(ticks), "Shifting would make a decode time negative.");
                        BinaryPrimitives.WriteUInt64BigEndian(at, (ulong)shifted);
                    }
                    else
                    {
                        long shifted = BinaryPrimitives.ReadUInt32BigEndian(at) + ticks;
                        if (shifted is < 0 or > uint.MaxValue) throw new ArgumentOutOfRangeException(nameof(ticks), "Shifted decode time does not fit a version-0 tfdt.");
                        BinaryPrimitives.WriteUInt32BigEndian(at, (uint)shifted);
                    }
                }
            }
        }
        return copy;
    }

    private static List<Fmp4Track> ReadTracks(ReadOnlySpan<byte> d, BmffBox moov)
    {
        var children = moov.Children(d);
        var trex = new Dictionary<uint, uint>();
        if (BmffBox.Find(d, children, "mvex") is { } mvex)
            foreach (var t in mvex.Children(d).Where(b => b.Type == "trex"))
                trex[BinaryPrimitives.ReadUInt32BigEndian(d[(t.PayloadOffset + 4)..])] = BinaryPrimitives.ReadUInt32BigEndian(d[(t.PayloadOffset + 12)..]);
        var tracks = new List<Fmp4Track>();
        foreach (var trak in children.Where(b => b.Type == "trak"))
        {
            var tk = trak.Children(d);
            var tkhd = BmffBox.Find(d, tk, "tkhd") ?? throw new FormatException("trak without tkhd.");
            uint trackId = BinaryPrimitives.ReadUInt32BigEndian(d[(tkhd.PayloadOffset + (d[tkhd.PayloadOffset] == 1 ? 20 : 12))..]);
            var mdhd = BmffBox.Find(d, tk, "mdia", "mdhd") ?? throw new FormatException("trak without mdhd.");
            uint timescale = BinaryPrimitives.ReadUInt32BigEndian(d[(mdhd.PayloadOffset + (d[mdhd.PayloadOffset] == 1 ? 20 : 12))..]);
            var hdlr = BmffBox.Find(d, tk, "mdia", "hdlr") ?? throw new FormatException("trak without hdlr.");
            var handler = Encoding.ASCII.GetString(d.Slice(hdlr.PayloadOffset + 8, 4));
            var stsd = BmffBox.Find(d, tk, "mdia", "minf", "stbl", "stsd") ?? throw new FormatException("trak without stsd.");
            var entry = stsd.Children(d, 8).FirstOrDefault();
            if (entry.Type is null) throw new FormatException("stsd without a sample entry.");
            var (codec, w, h, rate) = CodecString.FromSampleEntry(d, entry);
            tracks.Add(new Fmp4Track(trackId, handler, timescale, entry.Type, codec, w, h, rate, trex.GetValueOrDefault(trackId)));
        }
        return tracks;
    }

    private static void ReadFragment(ReadOnlySpan<byte> d, BmffBox moof, List<Fmp4Track> tracks, Dictionary<uint, ulong> baseTimes, Dictionary<uint, ulong> durations, Dictionary<uint, long> counts)
    {
        foreach (var traf in moof.Children(d).Where(b => b.Type == "traf"))
        {
            var parts = traf.Children(d);
            var tfhd = parts.FirstOrDefault(b => b.Type == "tfhd");
            if (tfhd.Type is null) throw new FormatException("traf without tfhd.");
            uint tfhdFlags = BinaryPrimitives.ReadUInt32BigEndian(d[tfhd.PayloadOffset..]) & 0xFFFFFF;
            uint trackId = BinaryPrimitives.ReadUInt32BigEndian(d[(tfhd.PayloadOffset + 4)..]);
            int p = tfhd.PayloadOffset + 8;
            if ((tfhdFlags & 0x01) != 0) p += 8;
            if ((tfhdFlags & 0x02) != 0) p += 4;
            uint defaultDuration = tracks.FirstOrDefault(t => t.TrackId == trackId)?.DefaultSampleDuration ?? 0;
            if ((tfhdFlags & 0x08) != 0) defaultDuration = BinaryPrimitives.ReadUInt32BigEndian(d[p..]);
            var tfdt = parts.FirstOrDefault(b => b.Type == "tfdt");
            if (tfdt.Type is not null && !baseTimes.ContainsKey(trackId))
                baseTimes[trackId] = d[tfdt.PayloadOffset] == 1
                    ? BinaryPrimitives.ReadUInt64BigEndian(d[(tfdt.PayloadOffset + 4)..])
                    : BinaryPrimitives.ReadUInt32BigEndian(d[(tfdt.PayloadOffset + 4)..]);
            ulong total = 0;
            foreach (var trun in parts.Where(b => b.Type == "trun"))
            {
                uint flags = BinaryPrimitives.ReadUInt32BigEndian(d[trun.PayloadOffset..]) & 0xFFFFFF;
                uint count = BinaryPrimitives.ReadUInt32BigEndian(d[(trun.PayloadOffset + 4)..]);
                int q = trun.PayloadOffset + 8;
                if ((flags & 0x001) != 0) q += 4;
                if ((flags & 0x004) != 0) q += 4;
                int stride = 0;
                foreach (var bit in new uint[] { 0x100, 0x200, 0x400, 0x800 }) if ((flags & bit) != 0) stride += 4;
                if (q + (long)stride * count > trun.End) throw new FormatException("trun sample table runs past its box.");
                counts[trackId] = counts.GetValueOrDefault(trackId) + count;
                if ((flags & 0x100) == 0)
                    total += (ulong)defaultDuration * count; // no per-sample durations: no loop, so a huge count cannot stall us
                else
                    for (uint i = 0; i < count; i++)
                        total += BinaryPrimitives.ReadUInt32BigEndian(d[(q + (int)i * stride)..]);
            }
            durations[trackId] = durations.GetValueOrDefault(trackId) + total;
        }
    }

    private static byte[] BuildStyp()
    {
        // styp: major brand msdh, minor 0, compatible msdh msix (DASH media segment brands; CMAF players accept them).
        var b = new byte[24];
        BinaryPrimitives.WriteUInt32BigEndian(b, 24);
        Encoding.ASCII.GetBytes("stypmsdh").CopyTo(b, 4);
        Encoding.ASCII.GetBytes("msdhmsix").CopyTo(b, 16);
        return b;
    }
}
