using System.Buffers.Binary;
using System.Text;

namespace Livepeer.Media.Fmp4;

/// <summary>One ISO BMFF box located in a buffer: its type, where it starts, its total size and header size.</summary>
/// <param name="Type">Four-character type, e.g. "moof".</param>
/// <param name="Offset">Offset of the box's first byte.</param>
/// <param name="Size">Total size including the header.</param>
/// <param name="HeaderSize">8, or 16 for a 64-bit size.</param>
public readonly record struct BmffBox(string Type, int Offset, int Size, int HeaderSize)
{
    /// <summary>Offset of the payload.</summary>
    public int PayloadOffset => Offset + HeaderSize;

    /// <summary>Offset just past the box.</summary>
    public int End => Offset + Size;

    /// <summary>Reads the boxes laid end to end in data[start..end); throws <see cref="FormatException"/> on a malformed size.</summary>
    public static List<BmffBox> Read(ReadOnlySpan<byte> data, int start, int end)
    {
        var boxes = new List<BmffBox>();
        int off = start;
        while (off + 8 <= end)
        {
            long size = BinaryPrimitives.ReadUInt32BigEndian(data[off..]);
            var type = Encoding.ASCII.GetString(data.Slice(off + 4, 4));
            int header = 8;
            if (size == 1)
            {
                if (off + 16 > end) throw new FormatException($"Truncated 64-bit box header for '{type}' at {off}.");
                size = (long)BinaryPrimitives.ReadUInt64BigEndian(data[(off + 8)..]);
                header = 16;
            }
            else if (size == 0) size = end - off;
            if (size < header || off + size > end)
                throw new FormatException($"Box '{type}' at offset {off} has size {size}, which runs past the end ({end}).");
            boxes.Add(new BmffBox(type, off, (int)size, header));
            off += (int)size;
        }
        if (off != end) throw new FormatException($"{end - off} trailing bytes after the last box.");
        return boxes;
    }

    /// <summary>The children of this box (for container boxes; <paramref name="skip"/> bytes of payload precede them, e.g. 8 for stsd).</summary>
    public List<BmffBox> Children(ReadOnlySpan<byte> data, int skip = 0) => Read(data, PayloadOffset + skip, End);

    /// <summary>Finds the first box along a path of types, e.g. ["moov","trak","mdia"].</summary>
    public static BmffBox? Find(ReadOnlySpan<byte> data, IReadOnlyList<BmffBox> level, params string[] path)
    {
        foreach (var b in level)
        {
            if (b.Type != path[0]) continue;
            if (path.Length == 1) return b;
            var found = Find(data, b.Children(data), path[1..]);
            if (found is not null) return found;
        }
        return null;
    }
}
