using System.Text;
using Google.Protobuf;
using Livepeer.Core;
using Livepeer.Core.Crypto;
using Livepeer.Wire.Messages;
using Livepeer.Wire.Segments;

namespace Livepeer.Wire.Tests;

public class SegmentProtocolTests
{
    [Fact]
    public void ProfileIdIsFirstFourBytesOfKeccakOfName()
    {
        var expected = Keccak256.Hash("P720p30fps16x9"u8).Bytes[..4].ToArray();
        Assert.Equal(expected, ProfileIds.Of("P720p30fps16x9"));
        Assert.Equal(8, ProfileIds.Concat(["P720p30fps16x9", "P360p30fps16x9"]).Length);
        Assert.NotEqual(ProfileIds.Of("P720p30fps16x9"), ProfileIds.Of("P360p30fps16x9"));
    }

    [Fact]
    public void SigningMessageLayout()
    {
        var hash = Keccak256.Hash("segment"u8);
        var message = SegmentSigningMessage.Flatten("abc", 258, hash, ["P240p30fps16x9"]);
        Assert.Equal("abc", Encoding.UTF8.GetString(message, 0, 3));
        // seq 258 = 0x0102, left-padded to 32 bytes
        Assert.All(message[3..33], (b, i) => Assert.Equal(i < 30 ? 0 : i == 30 ? 1 : 2, b));
        Assert.Equal(hash.ToArray(), message[35..67]);
        Assert.Equal(ProfileIds.ToHex(["P240p30fps16x9"]), Encoding.ASCII.GetString(message, 67, 8));
        Assert.Equal(3 + 32 + 32 + 8, message.Length);
    }

    [Fact]
    public void ResultHashIsHashOfConcatenatedRenditionHashes()
    {
        byte[] a = [1, 2, 3], b = [4, 5];
        var expected = Keccak256.Hash([.. Keccak256.Hash(a).Bytes, .. Keccak256.Hash(b).Bytes]);
        Assert.Equal(expected, TranscodeResultHash.Of([a, b]));
        Assert.NotEqual(expected, TranscodeResultHash.Of([b, a]));
    }

    [Theory]
    [InlineData(500, 8000, 2000)]
    [InlineData(2000, 8000, 2000)]
    [InlineData(3000, 12000, 2000)]
    [InlineData(10000, 40000, 5000)]
    public void TimeoutsScaleWithDuration(int durationMs, int requestMs, int uploadMs)
    {
        Assert.Equal(TimeSpan.FromMilliseconds(requestMs), SegmentTimeouts.Request(TimeSpan.FromMilliseconds(durationMs)));
        Assert.Equal(TimeSpan.FromMilliseconds(uploadMs), SegmentTimeouts.Upload(TimeSpan.FromMilliseconds(durationMs)));
    }

    [Fact]
    public void HeaderRoundTrip()
    {
        var seg = new SegData { ManifestId = ByteString.CopyFromUtf8("stream"), Seq = 7, Duration = 2000 };
        var decoded = HeaderCodec.Decode(HeaderCodec.Encode(seg), SegData.Parser, SegmentHeaders.Segment);
        Assert.Equal(seg, decoded);
    }

    [Theory]
    [InlineData(null, "Missing Livepeer-Segment")]
    [InlineData("", "Missing Livepeer-Segment")]
    [InlineData("not base64!", "not valid base64")]
    [InlineData("/////w==", "not a valid SegData")]
    public void BadHeadersGiveClearErrors(string? value, string expected)
    {
        var e = Assert.Throws<WireFormatException>(() => HeaderCodec.Decode(value, SegData.Parser, SegmentHeaders.Segment));
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void OversizedHeaderIsRefusedBeforeDecoding()
    {
        var e = Assert.Throws<WireFormatException>(() => HeaderCodec.Decode(new string('A', HeaderCodec.MaxHeaderLength + 4), SegData.Parser, SegmentHeaders.Payment));
        Assert.Contains("at most", e.Message);
    }

    [Fact]
    public void IntegerFieldsAreBigEndianMinimal()
    {
        var v = UInt256.Parse("1000000000000000000");
        var field = HeaderCodec.FromUInt256(v);
        Assert.Equal("0DE0B6B3A7640000", Convert.ToHexString(field.ToByteArray()));
        Assert.Equal(v, HeaderCodec.ToUInt256(field, "face_value"));
        Assert.Equal(0, HeaderCodec.FromUInt256(UInt256.Zero).Length);
        Assert.Contains("at most 32", Assert.Throws<WireFormatException>(() => HeaderCodec.ToUInt256(ByteString.CopyFrom(new byte[33]), "win_prob")).Message);
        Assert.Contains("20-byte", Assert.Throws<WireFormatException>(() => HeaderCodec.ToAddress(ByteString.CopyFrom(new byte[19]), "recipient")).Message);
        Assert.Contains("32-byte", Assert.Throws<WireFormatException>(() => HeaderCodec.ToHash(ByteString.CopyFrom(new byte[31]), "recipient_rand_hash")).Message);
    }
}
