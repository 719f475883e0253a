using System.Buffers;
using System.Buffers.Binary;

namespace Livepeer.Media.MpegTs;

/// <summary>
/// An MPEG-TS (ISO/IEC 13818-1) muxer for one program with at most one video and one audio stream: PAT on PID 0,
/// PMT on 0x1000, video on 0x100, audio on 0x101, per-PID continuity counters, PCR on the video PID (audio when there is
/// none) at every PES of that PID and in PCR-only packets so the gap never exceeds 100 ms, 90 kHz PTS/DTS.
/// </summary>
public sealed class TsMuxer
{
    /// <summary>MPEG-TS packet size.</summary>
    public const int PacketSize = 188;

    /// <summary>PID of the program map table.</summary>
    public const ushort PmtPid = 0x1000;

    /// <summary>PID of the video stream.</summary>
    public const ushort VideoPid = 0x100;

    /// <summary>PID of the audio stream.</summary>
    public const ushort AudioPid = 0x101;

    private const long PtsMask = (1L << 33) - 1;
    private const long MaxPcrGap = 90 * 90; // write a PCR before 100 ms pass, with margin

    private readonly TsStreamType? _video;
    private readonly TsStreamType? _audio;
    private readonly byte[] _continuity = new byte[0x2000];
    private readonly byte[] _pesHeader = new byte[19];
    private long _lastPcr = long.MinValue;

    /// <summary>Creates a muxer for the given streams (at least one).</summary>
    public TsMuxer(TsStreamType? video, TsStreamType? audio)
    {
        if (video is null && audio is null) throw new ArgumentException("A TS program needs at least one stream.");
        _video = video;
        _audio = audio;
    }

    /// <summary>The PID carrying PCR.</summary>
    public ushort PcrPid => _video is null ? AudioPid : VideoPid;

    /// <summary>Writes a PAT and a PMT (one packet each).</summary>
    public void WriteTables(IBufferWriter<byte> output)
    {
        Span<byte> section = stackalloc byte[64];
        // PAT: one program (1) -> PMT PID.
        var n = 0;
        section[n++] = 0x00; // table_id
        var lengthAt = n;
        n += 2;
        BinaryPrimitives.WriteUInt16BigEndian(section[n..], 1); // transport_stream_id
        n += 2;
        section[n++] = 0xC1; // version 0, current_next 1
        section[n++] = 0;
        section[n++] = 0;
        BinaryPrimitives.WriteUInt16BigEndian(section[n..], 1);
        n += 2;
        BinaryPrimitives.WriteUInt16BigEndian(section[n..], (ushort)(0xE000 | PmtPid));
        n += 2;
        WriteSection(output, 0, section, lengthAt, n);

        n = 0;
        section[n++] = 0x02;
        lengthAt = n;
        n += 2;
        BinaryPrimitives.WriteUInt16BigEndian(section[n..], 1); // program_number
        n += 2;
        section[n++] = 0xC1;
        section[n++] = 0;
        section[n++] = 0;
        BinaryPrimitives.WriteUInt16BigEndian(section[n..], (ushort)(0xE000 | PcrPid));
        n += 2;
        BinaryPrimitives.WriteUInt16BigEndian(section[n..], 0xF000); // program_info_length 0
        n += 2;
        if (_video is { } v) n = WriteStreamEntry(section, n, v, VideoPid);
        if (_audio is { } a) n = WriteStreamEntry(section, n, a, AudioPid);
        WriteSection(output, PmtPid, section, lengthAt, n);
    }

    /// <summary>Writes one video access unit (Annex B) as a PES packet.</summary>
    public void WriteVideo(IBufferWriter<byte> output, long pts, long dts, ReadOnlySpan<byte> accessUnit, bool keyframe)
    {
        if (_video is null) throw new InvalidOperationException("This muxer has no video stream.");
        WritePes(output, VideoPid, 0xE0, pts, dts, accessUnit, keyframe, unboundedLength: true);
    }

    /// <summary>Writes one or more ADTS frames as a PES packet.</summary>
    public void WriteAudio(IBufferWriter<byte> output, long pts, ReadOnlySpan<byte> adts)
    {
        if (_audio is null) throw new InvalidOperationException("This muxer has no audio stream.");
        if (_video is not null && _lastPcr != long.MinValue && pts - _lastPcr > MaxPcrGap)
        {
            // Video is sparse or stalled: keep the PCR going on its PID without touching its continuity counter.
            WritePcrOnly(output, pts);
        }
        // Audio-only programs have no keyframes; every AAC frame is a random access point.
        WritePes(output, AudioPid, 0xC0, pts, pts, adts, randomAccess: _video is null, unboundedLength: false);
    }

    private static int WriteStreamEntry(Span<byte> section, int n, TsStreamType type, ushort pid)
    {
        section[n++] = (byte)type;
        BinaryPrimitives.WriteUInt16BigEndian(section[n..], (ushort)(0xE000 | pid));
        n += 2;
        BinaryPrimitives.WriteUInt16BigEndian(section[n..], 0xF000); // ES_info_length 0
        return n + 2;
    }

    private void WriteSection(IBufferWriter<byte> output, ushort pid, Span<byte> section, int lengthAt, int n)
    {
        // section_length counts the bytes after it, CRC included.
        BinaryPrimitives.WriteUInt16BigEndian(section[lengthAt..], (ushort)(0xB000 | (n - 3 + 4)));
        BinaryPrimitives.WriteUInt32BigEndian(section[n..], Crc32Mpeg2.Compute(section[..n]));
        n += 4;
        var packet = output.GetSpan(PacketSize)[..PacketSize];
        packet[0] = 0x47;
        packet[1] = (byte)(0x40 | (pid >> 8));
        packet[2] = (byte)pid;
        packet[3] = (byte)(0x10 | NextContinuity(pid));
        packet[4] = 0; // pointer_field
        section[..n].CopyTo(packet[5..]);
        packet[(5 + n)..].Fill(0xFF);
        output.Advance(PacketSize);
    }

    private void WritePcrOnly(IBufferWriter<byte> output, long pcr)
    {
        _lastPcr = pcr;
        var packet = output.GetSpan(PacketSize)[..PacketSize];
        packet[0] = 0x47;
        packet[1] = VideoPid >> 8;
        packet[2] = VideoPid & 0xFF;
        packet[3] = (byte)(0x20 | ((_continuity[VideoPid] - 1) & 0x0F)); // adaptation only: repeats the last counter
        packet[4] = 183;
        packet[5] = 0x10;
        WritePcr(packet[6..], pcr);
        packet[12..].Fill(0xFF);
        output.Advance(PacketSize);
    }

    private void WritePes(IBufferWriter<byte> output, ushort pid, byte streamId, long pts, long dts, ReadOnlySpan<byte> data, bool randomAccess, bool unboundedLength)
    {
        var header = _pesHeader.AsSpan();
        var withDts = dts != pts;
        var headerDataLength = withDts ? 10 : 5;
        header[0] = 0;
        header[1] = 0;
        header[2] = 1;
        header[3] = streamId;
        var pesLength = 3 + headerDataLength + data.Length;
        BinaryPrimitives.WriteUInt16BigEndian(header[4..], (ushort)(unboundedLength || pesLength > ushort.MaxValue ? 0 : pesLength));
        header[6] = 0x80; // '10' marker, no scrambling, no alignment flag
        header[7] = (byte)(withDts ? 0xC0 : 0x80);
        header[8] = (byte)headerDataLength;
        WriteTimestamp(header[9..], withDts ? 0x3 : 0x2, pts);
        if (withDts) WriteTimestamp(header[14..], 0x1, dts);
        var headerLength = 9 + headerDataLength;

        var withPcr = pid == PcrPid;
        long pcr = 0;
        if (withPcr)
        {
            pcr = _lastPcr == long.MinValue ? dts : Math.Max(dts, _lastPcr);
            _lastPcr = pcr;
        }
        var total = headerLength + data.Length;
        var written = 0;
        var first = true;
        while (written < total)
        {
            var packet = output.GetSpan(PacketSize)[..PacketSize];
            var afLength = -1; // adaptation_field_length value; -1 = no adaptation field
            if (first && (withPcr || randomAccess)) afLength = 1 + (withPcr ? 6 : 0);
            var space = PacketSize - 4 - (afLength >= 0 ? afLength + 1 : 0);
            var remaining = total - written;
            if (remaining < space)
            {
                var stuffing = space - remaining;
                afLength = afLength >= 0 ? afLength + stuffing : stuffing - 1;
                space = remaining;
            }
            packet[0] = 0x47;
            packet[1] = (byte)((first ? 0x40 : 0) | (pid >> 8));
            packet[2] = (byte)pid;
            packet[3] = (byte)((afLength >= 0 ? 0x30 : 0x10) | NextContinuity(pid));
            var p = 4;
            if (afLength >= 0)
            {
                packet[p++] = (byte)afLength;
                if (afLength > 0)
                {
                    var flags = 0;
                    if (first && randomAccess) flags |= 0x40;
                    if (first && withPcr) flags |= 0x10;
                    packet[p++] = (byte)flags;
                    var afEnd = 5 + afLength;
                    if (first && withPcr)
                    {
                        WritePcr(packet[p..], pcr);
                        p += 6;
                    }
                    packet[p..afEnd].Fill(0xFF);
                    p = afEnd;
                }
            }
            // Payload: the rest of the PES header first, then data.
            var dst = packet[p..];
            var copied = 0;
            if (written < headerLength)
            {
                var h = Math.Min(headerLength - written, dst.Length);
                header.Slice(written, h).CopyTo(dst);
                copied = h;
            }
            var dataOffset = written + copied - headerLength;
            var take = dst.Length - copied;
            if (take > 0) data.Slice(dataOffset, take).CopyTo(dst[copied..]);
            written += dst.Length;
            output.Advance(PacketSize);
            first = false;
        }
    }

    private byte NextContinuity(ushort pid)
    {
        var cc = _continuity[pid];
        _continuity[pid] = (byte)((cc + 1) & 0x0F);
        return cc;
    }

    private static void WriteTimestamp(Span<byte> b, int prefix, long ts)
    {
        ts &= PtsMask;
        b[0] = (byte)((prefix << 4) | (int)((ts >> 29) & 0x0E) | 1);
        b[1] = (byte)(ts >> 22);
        b[2] = (byte)(((ts >> 14) & 0xFE) | 1);
        b[3] = (byte)(ts >> 7);
        b[4] = (byte)(((ts << 1) & 0xFE) | 1);
    }

    private static void WritePcr(Span<byte> b, long pcr)
    {
        pcr &= PtsMask;
        b[0] = (byte)(pcr >> 25);
        b[1] = (byte)(pcr >> 17);
        b[2] = (byte)(pcr >> 9);
        b[3] = (byte)(pcr >> 1);
        b[4] = (byte)(((pcr & 1) << 7) | 0x7E);
        b[5] = 0;
    }
}
