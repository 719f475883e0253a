using Livepeer.Media.Rtmp;
using static Livepeer.Media.Tests.Rtmp.ChunkBytes;

namespace Livepeer.Media.Tests.Rtmp;

public class RtmpChunkReaderTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Fmt0SingleChunkMessage(bool byteByByte)
    {
        var payload = Payload(10);
        var m = Assert.Single(ReadAll(new RtmpChunkReader(), [.. Fmt0(3, 100, 10, 20, 1), .. payload], byteByByte));
        Assert.Equal(RtmpMessageType.CommandAmf0, m.Type);
        Assert.Equal(1u, m.StreamId);
        Assert.Equal(100u, m.Timestamp);
        Assert.Equal(3, m.ChunkStreamId);
        Assert.Equal(payload, m.Payload.ToArray());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void MessageLongerThanChunkSizeContinuesWithFmt3(bool byteByByte)
    {
        var payload = Payload(300);
        byte[] bytes = [.. Fmt0(4, 5, 300, 9, 1), .. payload[..128], .. Fmt3(4), .. payload[128..256], .. Fmt3(4), .. payload[256..]];
        var m = Assert.Single(ReadAll(new RtmpChunkReader(), bytes, byteByByte));
        Assert.Equal(payload, m.Payload.ToArray());
        Assert.Equal(5u, m.Timestamp);
    }

    [Fact]
    public void Fmt1AndFmt2AddDeltasAndFmt3RepeatsTheLastDelta()
    {
        byte[] bytes =
        [
            .. Fmt0(6, 1000, 2, 9, 1), 1, 2,
            .. Fmt2(6, 20), 3, 4, // same length/type/stream, +20
            .. Fmt3(6), 5, 6, // new message, +20 again
            .. Fmt1(6, 33, 3, 8), 7, 8, 9, // new length and type, +33, same stream id
            .. Fmt3(6), 10, 11, 12,
        ];
        var ms = ReadAll(new RtmpChunkReader(), bytes);
        Assert.Equal([1000u, 1020u, 1040u, 1073u, 1106u], ms.Select(m => m.Timestamp));
        Assert.Equal([9, 9, 9, 8, 8], ms.Select(m => (int)m.Type));
        Assert.All(ms, m => Assert.Equal(1u, m.StreamId));
        Assert.Equal(new byte[] { 7, 8, 9 }, ms[3].Payload.ToArray());
    }

    [Fact]
    public void Fmt3AfterFmt0UsesTheFmt0TimestampAsDelta()
    {
        // RTMP 1.0 section 5.3.1.2.4 (and ffmpeg): the delta of a fmt-3 message after fmt 0 is the fmt-0 timestamp.
        var ms = ReadAll(new RtmpChunkReader(), [.. Fmt0(5, 40, 1, 8, 1), 1, .. Fmt3(5), 2]);
        Assert.Equal([40u, 80u], ms.Select(m => m.Timestamp));
    }

    [Theory]
    [InlineData(2, 1)]
    [InlineData(63, 1)]
    [InlineData(64, 2)]
    [InlineData(319, 2)]
    [InlineData(320, 3)]
    [InlineData(65599, 3)]
    public void ChunkStreamIdsAtBasicHeaderBoundaries(int csid, int headerBytes)
    {
        var basic = Basic(0, csid);
        Assert.Equal(headerBytes, basic.Length);
        var payload = Payload(200);
        byte[] bytes = [.. Fmt0(csid, 7, 200, 9, 1), .. payload[..128], .. Fmt3(csid), .. payload[128..]];
        var m = Assert.Single(ReadAll(new RtmpChunkReader(), bytes, byteByByte: true));
        Assert.Equal(csid, m.ChunkStreamId);
        Assert.Equal(payload, m.Payload.ToArray());

        // Our writer produces the same bytes.
        var written = new System.Buffers.ArrayBufferWriter<byte>();
        new RtmpChunkWriter().Write(written, csid, new RtmpMessage(RtmpMessageType.Video, 1, 7, payload));
        Assert.Equal(bytes, written.WrittenSpan.ToArray());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ExtendedTimestampOnFmt0AndRepeatedOnFmt3Continuations(bool byteByByte)
    {
        const uint ts = 0x01234567;
        var payload = Payload(300);
        byte[] bytes = [.. Fmt0(4, ts, 300, 9, 1), .. payload[..128], .. Fmt3(4, ts), .. payload[128..256], .. Fmt3(4, ts), .. payload[256..]];
        var m = Assert.Single(ReadAll(new RtmpChunkReader(), bytes, byteByByte));
        Assert.Equal(ts, m.Timestamp);
        Assert.Equal(payload, m.Payload.ToArray());

        var written = new System.Buffers.ArrayBufferWriter<byte>();
        new RtmpChunkWriter().Write(written, 4, new RtmpMessage(RtmpMessageType.Video, 1, ts, payload));
        Assert.Equal(bytes, written.WrittenSpan.ToArray());
    }

    [Fact]
    public void ExtendedTimestampMissingOnContinuationIsTolerated()
    {
        const uint ts = 0xFFFFFF;
        var payload = Payload(200, seed: 1);
        byte[] bytes = [.. Fmt0(4, ts, 200, 9, 1), .. payload[..128], .. Fmt3(4), .. payload[128..]];
        var m = Assert.Single(ReadAll(new RtmpChunkReader(), bytes));
        Assert.Equal(payload, m.Payload.ToArray());
    }

    [Fact]
    public void ExtendedTimestampDeltaOnFmt3NewMessage()
    {
        const uint delta = 0x01000000;
        byte[] bytes = [.. Fmt0(4, 10, 1, 9, 1), 1, .. Fmt2(4, delta), 2, .. Fmt3(4, delta), 3];
        var ms = ReadAll(new RtmpChunkReader(), bytes);
        Assert.Equal([10u, 10u + delta, 10u + 2 * delta], ms.Select(m => m.Timestamp));
    }

    [Fact]
    public void InterleavedChunkStreamsReassembleIndependently()
    {
        var video = Payload(300, 1);
        var audio = Payload(200, 2);
        byte[] bytes =
        [
            .. Fmt0(6, 0, 300, 9, 1), .. video[..128],
            .. Fmt0(4, 5, 200, 8, 1), .. audio[..128],
            .. Fmt3(6), .. video[128..256],
            .. Fmt3(4), .. audio[128..],
            .. Fmt3(6), .. video[256..],
        ];
        var ms = ReadAll(new RtmpChunkReader(), bytes, byteByByte: true);
        Assert.Equal(2, ms.Count);
        Assert.Equal(RtmpMessageType.Audio, ms[0].Type);
        Assert.Equal(audio, ms[0].Payload.ToArray());
        Assert.Equal(RtmpMessageType.Video, ms[1].Type);
        Assert.Equal(video, ms[1].Payload.ToArray());
    }

    [Fact]
    public void ChunkStreamOpenedByFmt1StartsFromZeroedStateLikeFfmpegAndNginx()
    {
        var m = Assert.Single(ReadAll(new RtmpChunkReader(), [.. Fmt1(7, 250, 2, 9), 1, 2]));
        Assert.Equal(0u, m.StreamId);
        Assert.Equal(250u, m.Timestamp);
        Assert.Equal(RtmpMessageType.Video, m.Type);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void ChunkStreamOpenedByFmt2Or3IsAProtocolError(int fmt)
    {
        byte[] bytes = fmt == 2 ? [.. Fmt2(7, 1), 0] : [.. Fmt3(7), 0];
        var ex = Assert.Throws<RtmpProtocolException>(() => ReadAll(new RtmpChunkReader(), bytes));
        Assert.Contains("first chunk", ex.Message);
    }

    [Fact]
    public void SetChunkSizeAppliesToFollowingChunks()
    {
        var reader = new RtmpChunkReader { ChunkSize = 4096 };
        var payload = Payload(3000);
        var m = Assert.Single(ReadAll(reader, [.. Fmt0(4, 0, 3000, 9, 1), .. payload]));
        Assert.Equal(payload, m.Payload.ToArray());
    }

    [Fact]
    public void OversizedMessageAndChunkSizeAreRefused()
    {
        var ex = Assert.Throws<RtmpProtocolException>(() => ReadAll(new RtmpChunkReader(maxMessageSize: 1000), [.. Fmt0(4, 0, 5000, 9, 1)]));
        Assert.Contains("limit", ex.Message);
        Assert.Throws<RtmpProtocolException>(() => new RtmpChunkReader(maxChunkSize: 65536).ChunkSize = 65537);
        Assert.Throws<RtmpProtocolException>(() => new RtmpChunkReader().ChunkSize = 0);
    }

    [Fact]
    public void AnnouncedSizeIsNotAllocatedUpFront()
    {
        // A 16 MB announcement followed by a few bytes must not allocate 16 MB.
        var reader = new RtmpChunkReader(maxMessageSize: 0xFFFFFF) { ChunkSize = 0xFFFFFF };
        var before = GC.GetAllocatedBytesForCurrentThread();
        var seq = new System.Buffers.ReadOnlySequence<byte>([.. Fmt0(4, 0, 0xFFFFFF, 9, 1), 1, 2, 3]);
        Assert.False(reader.TryReadMessage(ref seq, out _));
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1024 * 1024);
    }

    [Fact]
    public void TooManyChunkStreamsAreRefused()
    {
        var bytes = new List<byte>();
        for (var csid = 3; csid < 3 + 10; csid++) bytes.AddRange([.. Fmt0(csid, 0, 1, 9, 1), 0]);
        Assert.Throws<RtmpProtocolException>(() => ReadAll(new RtmpChunkReader(maxChunkStreams: 5), bytes.ToArray()));
    }

    [Fact]
    public void AbortDropsThePartialMessage()
    {
        var reader = new RtmpChunkReader();
        var seq = new System.Buffers.ReadOnlySequence<byte>([.. Fmt0(4, 0, 200, 9, 1), .. Payload(128)]);
        Assert.False(reader.TryReadMessage(ref seq, out _));
        reader.Abort(4);
        var m = Assert.Single(ReadAll(reader, [.. Fmt0(4, 9, 1, 9, 1), 42]));
        Assert.Equal(new byte[] { 42 }, m.Payload.ToArray());
    }

    [Fact]
    public void ZeroLengthMessageCompletes()
    {
        var m = Assert.Single(ReadAll(new RtmpChunkReader(), Fmt0(3, 0, 0, 20, 0)));
        Assert.Equal(0, m.Payload.Length);
    }
}
