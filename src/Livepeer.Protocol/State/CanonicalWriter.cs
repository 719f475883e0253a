using System.Buffers.Binary;
using System.Text;

namespace Livepeer.Protocol.State;

/// <summary>Fixed-width big-endian writer for canonical state bytes.</summary>
public sealed class CanonicalWriter
{
    private readonly MemoryStream _stream = new();
    private readonly byte[] _scratch = new byte[32];

    public void Write(long v)
    {
        BinaryPrimitives.WriteInt64BigEndian(_scratch, v);
        _stream.Write(_scratch, 0, 8);
    }

    public void Write(int v)
    {
        BinaryPrimitives.WriteInt32BigEndian(_scratch, v);
        _stream.Write(_scratch, 0, 4);
    }

    public void Write(bool v) => _stream.WriteByte(v ? (byte)1 : (byte)0);

    public void Write(UInt256 v)
    {
        v.WriteBigEndian32(_scratch);
        _stream.Write(_scratch, 0, 32);
    }

    public void Write(Address a) => _stream.Write(a.Bytes);
    public void Write(Hash h) => _stream.Write(h.Bytes);

    public void Write(string s)
    {
        var bytes = Encoding.UTF8.GetBytes(s);
        Write(bytes.Length);
        _stream.Write(bytes);
    }

    public byte[] ToArray() => _stream.ToArray();
}
