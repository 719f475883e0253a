using System.Buffers.Binary;

namespace Livepeer.Media.MpegTs;

/// <summary>
/// Parses a self-contained MPEG-TS buffer: PAT, PMT (CRC checked), PES reassembly with PTS/DTS, continuity counters and PCRs.
/// Meant for segments (a few MB), not endless streams.
/// </summary>
public static class TsDemuxer
{
    /// <summary>Demuxes <paramref name="ts"/>; throws <see cref="TsFormatException"/> on anything malformed.</summary>
    public static TsDemuxResult Demux(ReadOnlySpan<byte> ts)
    {
        if (ts.Length == 0) throw new TsFormatException("Empty TS buffer: a segment needs at least a PAT, a PMT and one PES.");
        if (ts.Length % TsMuxer.PacketSize != 0)
            throw new TsFormatException($"TS buffer of {ts.Length} bytes is not a whole number of 188-byte packets (truncated upload?).");
        ushort? pmtPid = null;
        ushort pcrPid = 0x1FFF;
        var streams = new List<KeyValuePair<ushort, TsStreamType>>();
        var streamTypes = new Dictionary<ushort, TsStreamType>();
        var lastCc = new Dictionary<ushort, int>();
        var assembling = new Dictionary<ushort, (MemoryStream Body, bool RandomAccess)>();
        var packets = new List<TsPesPacket>();
        var pcrs = new List<long>();
        var ccErrors = 0;
        var count = ts.Length / TsMuxer.PacketSize;
        for (var i = 0; i < count; i++)
        {
            var p = ts.Slice(i * TsMuxer.PacketSize, TsMuxer.PacketSize);
            if (p[0] != 0x47) throw new TsFormatException($"TS packet {i} (byte {i * 188}) lacks the 0x47 sync byte; the data is not MPEG-TS or lost alignment.");
            var pusi = (p[1] & 0x40) != 0;
            var pid = (ushort)(((p[1] & 0x1F) << 8) | p[2]);
            var afc = (p[3] >> 4) & 3;
            var cc = p[3] & 0x0F;
            if (pid == 0x1FFF) continue;
            var pos = 4;
            var randomAccess = false;
            if (afc is 2 or 3)
            {
                var afLen = p[4];
                if (afLen > 183) throw new TsFormatException($"TS packet {i}: adaptation field length {afLen} exceeds the packet.");
                if (afLen > 0)
                {
                    var flags = p[5];
                    randomAccess = (flags & 0x40) != 0;
                    if ((flags & 0x10) != 0)
                    {
                        if (afLen < 7) throw new TsFormatException($"TS packet {i}: PCR flag set but adaptation field only {afLen} bytes.");
                        pcrs.Add(((long)BinaryPrimitives.ReadUInt32BigEndian(p[6..]) << 1) | (uint)(p[10] >> 7));
                    }
                }
                pos = 5 + afLen;
            }
            var hasPayload = afc is 1 or 3;
            // As ffmpeg checks: a payload packet advances the counter, an adaptation-only packet repeats it.
            if (lastCc.TryGetValue(pid, out var prev) && (hasPayload ? (prev + 1) & 0x0F : prev) != cc) ccErrors++;
            lastCc[pid] = cc;
            if (!hasPayload || pos >= TsMuxer.PacketSize) continue;
            var payload = p[pos..];
            if (pid == 0 || pid == pmtPid)
            {
                if (!pusi) continue; // our sections always fit one packet
                var pointer = payload[0];
                if (1 + pointer >= payload.Length) throw new TsFormatException($"TS packet {i}: PSI pointer field {pointer} runs past the packet.");
                var section = ReadSection(payload[(1 + pointer)..], i);
                if (pid == 0)
                {
                    if (section[0] != 0x00) throw new TsFormatException($"TS packet {i}: PID 0 carries table id 0x{section[0]:X2}, not a PAT.");
                    for (var e = 8; e + 4 <= section.Length - 4; e += 4)
                    {
                        var program = BinaryPrimitives.ReadUInt16BigEndian(section[e..]);
                        if (program != 0)
                        {
                            pmtPid = (ushort)(BinaryPrimitives.ReadUInt16BigEndian(section[(e + 2)..]) & 0x1FFF);
                            break;
                        }
                    }
                }
                else
                {
                    if (section[0] != 0x02) throw new TsFormatException($"TS packet {i}: PMT PID carries table id 0x{section[0]:X2}, not a PMT.");
                    pcrPid = (ushort)(BinaryPrimitives.ReadUInt16BigEndian(section[8..]) & 0x1FFF);
                    var infoLen = BinaryPrimitives.ReadUInt16BigEndian(section[10..]) & 0x0FFF;
                    var e = 12 + infoLen;
                    streams.Clear();
                    streamTypes.Clear();
                    while (e + 5 <= section.Length - 4)
                    {
                        var type = (TsStreamType)section[e];
                        var esPid = (ushort)(BinaryPrimitives.ReadUInt16BigEndian(section[(e + 1)..]) & 0x1FFF);
                        var esInfo = BinaryPrimitives.ReadUInt16BigEndian(section[(e + 3)..]) & 0x0FFF;
                        streams.Add(new(esPid, type));
                        streamTypes[esPid] = type;
                        e += 5 + esInfo;
                    }
                }
                continue;
            }
            if (!streamTypes.TryGetValue(pid, out var streamType)) continue; // before the PMT, or not ours
            if (pusi)
            {
                if (assembling.Remove(pid, out var done)) packets.Add(ParsePes(pid, streamType, done.Body.ToArray(), done.RandomAccess));
                var body = new MemoryStream();
                body.Write(payload);
                assembling[pid] = (body, randomAccess);
            }
            else if (assembling.TryGetValue(pid, out var open))
            {
                open.Body.Write(payload);
            }
        }
        foreach (var (pid, open) in assembling) packets.Add(ParsePes(pid, streamTypes[pid], open.Body.ToArray(), open.RandomAccess));
        if (pmtPid is null) throw new TsFormatException("No PAT found: a TS segment must start with PAT and PMT.");
        if (streams.Count == 0) throw new TsFormatException("No PMT (or an empty one) found: the segment declares no elementary streams.");
        return new TsDemuxResult(streams, pcrPid, packets, count, ccErrors, pcrs);
    }

    private static ReadOnlySpan<byte> ReadSection(ReadOnlySpan<byte> data, int packet)
    {
        if (data.Length < 3) throw new TsFormatException($"TS packet {packet}: PSI section header truncated.");
        var length = BinaryPrimitives.ReadUInt16BigEndian(data[1..]) & 0x0FFF;
        if (length < 9 || 3 + length > data.Length) throw new TsFormatException($"TS packet {packet}: PSI section length {length} does not fit the packet.");
        var section = data[..(3 + length)];
        if (Crc32Mpeg2.Compute(section) != 0) throw new TsFormatException($"TS packet {packet}: PSI section CRC32 mismatch (corrupted PAT/PMT).");
        return section;
    }

    private static TsPesPacket ParsePes(ushort pid, TsStreamType type, byte[] pes, bool randomAccess)
    {
        if (pes.Length < 9 || pes[0] != 0 || pes[1] != 0 || pes[2] != 1)
            throw new TsFormatException($"PID 0x{pid:X}: PES packet does not start with the 00 00 01 start code.");
        var flags = pes[7];
        var headerLength = pes[8];
        if (9 + headerLength > pes.Length) throw new TsFormatException($"PID 0x{pid:X}: PES header length {headerLength} runs past the packet.");
        long? pts = null, dts = null;
        if ((flags & 0x80) != 0)
        {
            if (headerLength < 5) throw new TsFormatException($"PID 0x{pid:X}: PES claims a PTS but its header is {headerLength} bytes.");
            pts = ReadTimestamp(pes.AsSpan(9));
            dts = pts;
            if ((flags & 0x40) != 0)
            {
                if (headerLength < 10) throw new TsFormatException($"PID 0x{pid:X}: PES claims a DTS but its header is {headerLength} bytes.");
                dts = ReadTimestamp(pes.AsSpan(14));
            }
        }
        var declared = BinaryPrimitives.ReadUInt16BigEndian(pes.AsSpan(4));
        var end = declared == 0 ? pes.Length : Math.Min(pes.Length, 6 + declared);
        if (declared != 0 && 6 + declared > pes.Length)
            throw new TsFormatException($"PID 0x{pid:X}: PES packet declares {declared} bytes but only {pes.Length - 6} arrived (truncated segment).");
        return new TsPesPacket(pid, type, pts, dts, randomAccess, pes[(9 + headerLength)..end]);
    }

    private static long ReadTimestamp(ReadOnlySpan<byte> b) =>
        ((long)(b[0] & 0x0E) << 29) | ((long)b[1] << 22) | ((long)(b[2] & 0xFE) << 14) | ((long)b[3] << 7) | ((long)b[4] >> 1);
}
