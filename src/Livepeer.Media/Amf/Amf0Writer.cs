using System.Buffers;
using System.Buffers.Binary;
using System.Collections;
using System.Text;

namespace Livepeer.Media.Amf;

/// <summary>Encodes .NET values as AMF0 (the inverse of <see cref="Amf0Reader"/>).</summary>
public sealed class Amf0Writer(IBufferWriter<byte> output)
{
    /// <summary>Encodes the values one after another into a new array.</summary>
    public static byte[] Encode(params object?[] values)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        var writer = new Amf0Writer(buffer);
        foreach (var v in values) writer.Write(v);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Writes one value. Integers become numbers; strings over 65535 UTF-8 bytes become long strings.</summary>
    public void Write(object? value)
    {
        switch (value)
        {
            case null:
                WriteByte(Amf0Marker.Null);
                break;
            case AmfUndefined:
                WriteByte(Amf0Marker.Undefined);
                break;
            case bool b:
                WriteByte(Amf0Marker.Boolean);
                WriteRaw([(byte)(b ? 1 : 0)]);
                break;
            case string s:
                WriteString(s);
                break;
            case AmfDate d:
                {
                    WriteByte(Amf0Marker.Date);
                    Span<byte> buf = stackalloc byte[10];
                    BinaryPrimitives.WriteDoubleBigEndian(buf, d.Milliseconds);
                    BinaryPrimitives.WriteInt16BigEndian(buf[8..], d.TimeZone);
                    WriteRaw(buf);
                    break;
                }
            case DateTimeOffset dto:
                Write(new AmfDate(dto.ToUnixTimeMilliseconds()));
                break;
            case AmfEcmaArray ecma:
                {
                    WriteByte(Amf0Marker.EcmaArray);
                    WriteCount(ecma.Count);
                    WriteProperties(ecma);
                    break;
                }
            case AmfObject obj:
                WriteByte(Amf0Marker.Object);
                WriteProperties(obj);
                break;
            case IDictionary<string, object?> dict:
                {
                    WriteByte(Amf0Marker.Object);
                    var o = new AmfObject();
                    foreach (var kv in dict) o.Add(kv.Key, kv.Value);
                    WriteProperties(o);
                    break;
                }
            case byte or sbyte or short or ushort or int or uint or long or ulong or float or double or decimal:
                {
                    WriteByte(Amf0Marker.Number);
                    Span<byte> buf = stackalloc byte[8];
                    BinaryPrimitives.WriteDoubleBigEndian(buf, Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture));
                    WriteRaw(buf);
                    break;
                }
            case IList list:
                {
                    WriteByte(Amf0Marker.StrictArray);
                    WriteCount(list.Count);
                    foreach (var item in list) Write(item);
                    break;
                }
            default:
                throw new Amf0Exception($"Cannot encode a {value.GetType().Name} as AMF0; use number, bool, string, AmfObject, AmfEcmaArray, array, AmfDate, null or AmfUndefined.");
        }
    }

    private void WriteString(string s)
    {
        var bytes = Encoding.UTF8.GetBytes(s);
        Span<byte> len = stackalloc byte[4];
        if (bytes.Length <= ushort.MaxValue)
        {
            WriteByte(Amf0Marker.String);
            BinaryPrimitives.WriteUInt16BigEndian(len, (ushort)bytes.Length);
            WriteRaw(len[..2]);
        }
        else
        {
            WriteByte(Amf0Marker.LongString);
            BinaryPrimitives.WriteUInt32BigEndian(len, (uint)bytes.Length);
            WriteRaw(len);
        }
        WriteRaw(bytes);
    }

    private void WriteProperties(AmfObject obj)
    {
        Span<byte> len = stackalloc byte[2];
        foreach (var (key, value) in obj)
        {
            var keyBytes = Encoding.UTF8.GetBytes(key);
            if (keyBytes.Length > ushort.MaxValue) throw new Amf0Exception($"AMF0 property name of {keyBytes.Length} bytes exceeds 65535.");
            BinaryPrimitives.WriteUInt16BigEndian(len, (ushort)keyBytes.Length);
            WriteRaw(len);
            WriteRaw(keyBytes);
            Write(value);
        }
        WriteRaw([0, 0, (byte)Amf0Marker.ObjectEnd]);
    }

    private void WriteByte(Amf0Marker marker) => WriteRaw([(byte)marker]);

    private void WriteRaw(ReadOnlySpan<byte> bytes) => output.Write(bytes);

    // ECMA and strict arrays both start with a 32-bit big-endian element count.
    private void WriteCount(int count)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, (uint)count);
        WriteRaw(bytes);
    }
}
