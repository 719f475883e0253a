using System.Buffers.Binary;

namespace Livepeer.Media.Flv;

/// <summary>Reads the tags of an FLV file (Adobe FLV v10.1 annex E) from a stream.</summary>
public sealed class FlvFileReader
{
    /// <summary>Tags bigger than this are refused (an FLV tag size field allows 16 MB).</summary>
    public const int MaxTagSize = 16 * 1024 * 1024;

    private readonly Stream _stream;
    private bool _headerRead;

    /// <summary>Reads from <paramref name="stream"/> (not disposed by this reader).</summary>
    public FlvFileReader(Stream stream) => _stream = stream;

    /// <summary>Header flag: the file declares audio.</summary>
    public bool HasAudio { get; private set; }

    /// <summary>Header flag: the file declares video.</summary>
    public bool HasVideo { get; private set; }

    /// <summary>Reads every tag of a file in memory.</summary>
    public static List<FlvTag> ReadAll(byte[] file)
    {
        var reader = new FlvFileReader(new MemoryStream(file, writable: false));
        var tags = new List<FlvTag>();
        while (reader.ReadTag() is { } tag) tags.Add(tag);
        return tags;
    }

    /// <summary>Reads the next tag, or null at a clean end of file.</summary>
    public FlvTag? ReadTag()
    {
        if (!_headerRead) ReadHeader();
        Span<byte> h = stackalloc byte[11];
        var got = ReadFully(h);
        if (got == 0) return null;
        if (got < 11) throw new FlvFormatException($"FLV file truncated inside a tag header ({got} of 11 bytes).");
        var type = h[0] & 0x1F;
        if ((h[0] & 0x20) != 0) throw new FlvFormatException("FLV tag is marked encrypted (filter bit); not supported.");
        var size = (h[1] << 16) | (h[2] << 8) | h[3];
        var timestamp = (uint)((h[7] << 24) | (h[4] << 16) | (h[5] << 8) | h[6]);
        if (size > MaxTagSize) throw new FlvFormatException($"FLV tag of {size} bytes exceeds the {MaxTagSize}-byte limit.");
        var data = new byte[size];
        if (ReadFully(data) < size) throw new FlvFormatException($"FLV file truncated inside a {size}-byte tag body.");
        Span<byte> prev = stackalloc byte[4];
        ReadFully(prev); // PreviousTagSize; a missing trailer on the last tag is tolerated
        if (type is not (8 or 9 or 18)) return ReadTag(); // skip unknown tag types
        return new FlvTag((FlvTagType)type, timestamp, data);
    }

    private void ReadHeader()
    {
        Span<byte> h = stackalloc byte[9];
        if (ReadFully(h) < 9 || h[0] != 'F' || h[1] != 'L' || h[2] != 'V')
            throw new FlvFormatException("Not an FLV file: it must start with the 9-byte 'FLV' header.");
        HasAudio = (h[4] & 4) != 0;
        HasVideo = (h[4] & 1) != 0;
        var offset = BinaryPrimitives.ReadUInt32BigEndian(h[5..]);
        if (offset < 9 || offset > 1024) throw new FlvFormatException($"FLV header data offset {offset} is not plausible.");
        Span<byte> skip = stackalloc byte[(int)offset - 9 + 4];
        if (ReadFully(skip) < skip.Length) throw new FlvFormatException("FLV file truncated after its header.");
        _headerRead = true;
    }

    private int ReadFully(Span<byte> buffer)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            var n = _stream.Read(buffer[total..]);
            if (n == 0) break;
            total += n;
        }
        return total;
    }
}
