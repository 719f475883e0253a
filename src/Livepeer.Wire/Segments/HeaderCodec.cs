using Google.Protobuf;
using Livepeer.Core;

namespace Livepeer.Wire.Segments;

/// <summary>Protobuf messages carried base64-encoded in HTTP headers (Livepeer-Segment, Livepeer-Payment), and integer bytes fields.</summary>
public static class HeaderCodec
{
    /// <summary>Largest header value accepted, so a hostile peer cannot make us decode megabytes.</summary>
    public const int MaxHeaderLength = 64 * 1024;

    /// <summary>Base64 of the message bytes.</summary>
    public static string Encode(IMessage message) => Convert.ToBase64String(message.ToByteArray());

    /// <summary>Decodes a header value into a message, or throws <see cref="WireFormatException"/> naming the header.</summary>
    public static T Decode<T>(string? value, MessageParser<T> parser, string headerName) where T : IMessage<T>
    {
        if (string.IsNullOrEmpty(value)) throw new WireFormatException($"Missing {headerName} header.");
        if (value.Length > MaxHeaderLength) throw new WireFormatException($"{headerName} header is {value.Length} characters; at most {MaxHeaderLength} are accepted.");
        byte[] bytes;
        try { bytes = Convert.FromBase64String(value); }
        catch (FormatException e) { throw new WireFormatException($"{headerName} header is not valid base64.", e); }
        try { return parser.ParseFrom(bytes); }
        catch (InvalidProtocolBufferException e) { throw new WireFormatException($"{headerName} header is not a valid {typeof(T).Name} protobuf: {e.Message}", e); }
    }

    /// <summary>A bytes field holding a big-endian integer (at most 32 bytes) as UInt256.</summary>
    public static UInt256 ToUInt256(ByteString bytes, string field)
    {
        if (bytes.Length > 32) throw new WireFormatException($"{field} is {bytes.Length} bytes; an integer field holds at most 32.");
        return UInt256.FromBigEndian(bytes.Span);
    }

    /// <summary>An integer as a minimal big-endian bytes field (empty for 0).</summary>
    public static ByteString FromUInt256(UInt256 value) => ByteString.CopyFrom(value.ToBigEndianMinimal());

    /// <summary>A 20-byte address field.</summary>
    public static Address ToAddress(ByteString bytes, string field) =>
        bytes.Length == Address.Length ? new Address(bytes.Span) : throw new WireFormatException($"{field} must be a 20-byte address, got {bytes.Length} bytes.");

    /// <summary>
    /// A 32-byte value that go-livepeer writes as a minimal big-endian integer (the ticket seed: big.Int.Bytes(), so
    /// 31 bytes or fewer when it has leading zeros): left-padded to 32.
    /// </summary>
    public static Hash ToPaddedHash(ByteString bytes, string field)
    {
        if (bytes.Length > Hash.Length) throw new WireFormatException($"{field} is {bytes.Length} bytes; at most 32 are accepted.");
        Span<byte> padded = stackalloc byte[Hash.Length];
        bytes.Span.CopyTo(padded[(Hash.Length - bytes.Length)..]);
        return new Hash(padded);
    }

    /// <summary>A 32-byte value as a minimal big-endian bytes field, as go-livepeer writes the ticket seed.</summary>
    public static ByteString FromPaddedHash(Hash value) => ByteString.CopyFrom(value.Bytes.TrimStart((byte)0));

    /// <summary>A 32-byte hash field.</summary>
    public static Hash ToHash(ByteString bytes, string field) =>
        bytes.Length == Hash.Length ? new Hash(bytes.Span) : throw new WireFormatException($"{field} must be a 32-byte hash, got {bytes.Length} bytes.");
}
