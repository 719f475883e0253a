using System.Buffers.Binary;
using System.Text;

namespace Livepeer.Media.Amf;

/// <summary>
/// Decodes AMF0 values. Numbers become double, booleans bool, strings and long strings string, objects
/// <see cref="AmfObject"/>, ECMA arrays <see cref="AmfEcmaArray"/>, strict arrays object?[], dates <see cref="AmfDate"/>,
/// null null and undefined <see cref="AmfUndefined.Value"/>.
/// </summary>
public ref struct Amf0Reader
{
    /// <summary>Nesting deeper than this is refused so a hostile peer cannot exhaust the stack.</summary>
    public const int MaxDepth = 64;

    private readonly ReadOnlySpan<byte> _data;
    private int _pos;

    /// <summary>Starts reading at the beginning of <paramref name="data"/>.</summary>
    public Amf0Reader(ReadOnlySpan<byte> data)
    {
        _data = data;
        _pos = 0;
    }

    /// <summary>Bytes consumed so far.</summary>
    public readonly int Position => _pos;

    /// <summary>True when every byte has been read.</summary>
    public readonly bool End => _pos >= _data.Length;

    /// <summary>Decodes every value in <paramref name="data"/>.</summary>
    public static List<object?> ReadAll(ReadOnlySpan<byte> data)
    {
        var reader = new Amf0Reader(data);
        var values = new List<object?>();
        while (!reader.End) values.Add(reader.ReadValue());
        return values;
    }

    /// <summary>Decodes the next value.</summary>
    public object? ReadValue() => ReadValue(0);

    private object? ReadValue(int depth)
    {
        if (depth > MaxDepth) throw new Amf0Exception($"AMF0 nesting deeper than {MaxDepth} at byte {_pos}; refusing the value.");
        var marker = (Amf0Marker)ReadByte();
        switch (marker)
        {
            case Amf0Marker.Number:
                return BinaryPrimitives.ReadDoubleBigEndian(Take(8));
            case Amf0Marker.Boolean:
                return ReadByte() != 0;
            case Amf0Marker.String:
                return ReadUtf8(BinaryPrimitives.ReadUInt16BigEndian(Take(2)));
            case Amf0Marker.LongString:
            case Amf0Marker.XmlDocument:
                {
                    var length = ReadLength();
                    if (length > (uint)(_data.Length - _pos))
                        throw new Amf0Exception($"AMF0 long string at byte {_pos - 5} claims {length} bytes but only {_data.Length - _pos} remain.");
                    return ReadUtf8((int)length);
                }
            case Amf0Marker.Object:
                return ReadProperties(new AmfObject(), depth);
            case Amf0Marker.EcmaArray:
                Take(4); // The count is advisory; the object-end marker terminates the list.
                return ReadProperties(new AmfEcmaArray(), depth);
            case Amf0Marker.TypedObject:
                ReadUtf8(BinaryPrimitives.ReadUInt16BigEndian(Take(2))); // class name, not kept
                return ReadProperties(new AmfObject(), depth);
            case Amf0Marker.StrictArray:
                {
                    var count = ReadLength();
                    // Each element takes at least one byte, so a count beyond the remaining bytes is a lie.
                    if (count > (uint)(_data.Length - _pos))
                        throw new Amf0Exception($"AMF0 strict array at byte {_pos - 5} claims {count} elements but only {_data.Length - _pos} bytes remain.");
                    var items = new object?[count];
                    for (var i = 0; i < items.Length; i++) items[i] = ReadValue(depth + 1);
                    return items;
                }
            case Amf0Marker.Date:
                {
                    var ms = BinaryPrimitives.ReadDoubleBigEndian(Take(8));
                    var tz = BinaryPrimitives.ReadInt16BigEndian(Take(2));
                    return new AmfDate(ms, tz);
                }
            case Amf0Marker.Null:
                return null;
            case Amf0Marker.Undefined:
            case Amf0Marker.Unsupported:
                return AmfUndefined.Value;
            default:
                throw new Amf0Exception($"AMF0 marker 0x{(byte)marker:X2} at byte {_pos - 1} is not supported (references, movie clips, record sets and AMF3 switches are not used by RTMP publishers).");
        }
    }

    private AmfObject ReadProperties(AmfObject target, int depth)
    {
        while (true)
        {
            var keyLength = BinaryPrimitives.ReadUInt16BigEndian(Take(2));
            if (keyLength == 0)
            {
                if (_pos < _data.Length && _data[_pos] == (byte)Amf0Marker.ObjectEnd)
                {
                    _pos++;
                    return target;
                }
                // Some encoders end ECMA arrays without the marker at the very end of the payload.
                if (_pos >= _data.Length) return target;
            }
            var key = ReadUtf8(keyLength);
            target.Add(key, ReadValue(depth + 1));
        }
    }

    private uint ReadLength() => BinaryPrimitives.ReadUInt32BigEndian(Take(4));

    private byte ReadByte() => Take(1)[0];

    private string ReadUtf8(int length) => Encoding.UTF8.GetString(Take(length));

    private ReadOnlySpan<byte> Take(int count)
    {
        if (count < 0 || _data.Length - _pos < count)
            throw new Amf0Exception($"AMF0 value truncated: need {count} bytes at byte {_pos}, have {_data.Length - _pos}.");
        var span = _data.Slice(_pos, count);
        _pos += count;
        return span;
    }
}
