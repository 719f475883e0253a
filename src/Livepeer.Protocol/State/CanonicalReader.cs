using System.Buffers.Binary;
using System.Text;

namespace Livepeer.Protocol.State;

/// <summary>Reads what <see cref="CanonicalWriter"/> wrote; throws <see cref="FormatException"/> on truncated input.</summary>
public ref struct CanonicalReader
{
    private readonly ReadOnlySpan<byte> _data;
    private int _at;

    public CanonicalReader(ReadOnlySpan<byte> data)
    {
        _data = data;
        _at = 0;
    }

    public readonly bool AtEnd => _at == _data.Length;

    private ReadOnlySpan<byte> Take(int n)
    {
        if (n < 0 || _at + n > _data.Length) throw new FormatException($"State bytes end early at offset {_at} (needed {n} more bytes).");
        var s = _data.Slice(_at, n);
        _at += n;
        return s;
    }

    public long ReadLong() => BinaryPrimitives.ReadInt64BigEndian(Take(8));
    public int ReadInt() => BinaryPrimitives.ReadInt32BigEndian(Take(4));
    public bool ReadBool() => Take(1)[0] switch { 0 => false, 1 => true, var b => throw new FormatException($"Invalid bool byte {b}.") };
    public UInt256 ReadUInt256() => UInt256.FromBigEndian(Take(32));
    public Address ReadAddress() => new(Take(20));
    public Hash ReadHash() => new(Take(32));
    public string ReadString() => Encoding.UTF8.GetString(Take(ReadInt()));
}
