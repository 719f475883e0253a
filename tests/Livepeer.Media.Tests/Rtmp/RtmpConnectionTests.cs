using System.Buffers.Binary;
using Livepeer.Media.Amf;
using Livepeer.Media.Rtmp;
using Microsoft.Extensions.Time.Testing;

namespace Livepeer.Media.Tests.Rtmp;

public class RtmpConnectionTests
{
    [Fact]
    public async Task HandshakeAnswersVersion3WithSimpleS1AndS2EchoingC1()
    {
        await using var peer = new PipePeer(new RecordingHandler());
        var c1 = ChunkBytes.Payload(1536, 5);
        await peer.SendAsync([3, .. c1]);
        var s = await peer.ReceiveExactlyAsync(1 + 1536 * 2);
        Assert.Equal(3, s[0]);
        Assert.Equal(new byte[4], s[5..9]); // S1 zero field: simple handshake
        Assert.Equal(c1, s[1537..]); // S2 echoes C1
        await peer.SendAsync(s[1..1537]);
    }

    [Theory]
    [InlineData(6)]
    [InlineData(0x47)]
    public async Task WrongVersionByteClosesTheConnection(byte version)
    {
        await using var peer = new PipePeer(new RecordingHandler());
        await peer.SendAsync([version, .. new byte[1536]]);
        Assert.Null(await peer.ReceiveMessageAsync());
        await peer.Run.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task ConnectIsAnsweredWithWindowBandwidthChunkSizeAndSuccess()
    {
        await using var peer = new PipePeer(new RecordingHandler());
        await peer.HandshakeAsync();
        await peer.SendAsync(PipePeer.Command(3, 0, "connect", 1.0, new AmfObject { { "app", "live" } }));
        var m1 = (await peer.ReceiveMessageAsync())!.Value;
        Assert.Equal(RtmpMessageType.WindowAcknowledgementSize, m1.Type);
        Assert.Equal(2_500_000u, BinaryPrimitives.ReadUInt32BigEndian(m1.Payload.Span));
        var m2 = (await peer.ReceiveMessageAsync())!.Value;
        Assert.Equal(RtmpMessageType.SetPeerBandwidth, m2.Type);
        Assert.Equal(5, m2.Payload.Length);
        Assert.Equal(2, m2.Payload.Span[4]); // dynamic
        var m3 = (await peer.ReceiveMessageAsync())!.Value;
        Assert.Equal(RtmpMessageType.SetChunkSize, m3.Type);
        Assert.Equal(4096u, BinaryPrimitives.ReadUInt32BigEndian(m3.Payload.Span));
        var result = await peer.ReceiveCommandAsync();
        Assert.Equal("_result", result[0]);
        Assert.Equal(1.0, result[1]);
        Assert.Equal("NetConnection.Connect.Success", ((AmfObject)result[3]!).GetString("code"));
    }

    [Fact]
    public async Task FullPublishSequenceDeliversMetadataMediaAndEnd()
    {
        var handler = new RecordingHandler();
        await using var peer = new PipePeer(handler);
        await peer.HandshakeAsync();
        await peer.SendAsync(PipePeer.Command(3, 0, "connect", 1.0, new AmfObject { { "app", "live" }, { "tcUrl", "rtmp://127.0.0.1:1935/live" } }));
        Assert.Equal("_result", (await peer.ReceiveCommandAsync())[0]);
        await peer.SendAsync(PipePeer.Command(3, 0, "releaseStream", 2.0, null, "key1"));
        Assert.Equal(2.0, (await peer.ReceiveCommandAsync())[1]);
        await peer.SendAsync(PipePeer.Command(3, 0, "FCPublish", 3.0, null, "key1"));
        Assert.Equal(3.0, (await peer.ReceiveCommandAsync())[1]);
        await peer.SendAsync(PipePeer.Command(3, 0, "createStream", 4.0, null));
        var created = await peer.ReceiveCommandAsync();
        Assert.Equal(["_result", 4.0, null, 1.0], created);
        await peer.SendAsync(PipePeer.Command(8, 1, "publish", 5.0, null, "key1?token=abc", "live"));
        var begin = (await peer.ReceiveMessageAsync())!.Value;
        Assert.Equal(RtmpMessageType.UserControl, begin.Type);
        Assert.Equal(new byte[] { 0, 0, 0, 0, 0, 1 }, begin.Payload.ToArray()); // StreamBegin, stream 1
        var status = await peer.ReceiveCommandAsync();
        Assert.Equal("onStatus", status[0]);
        Assert.Equal("NetStream.Publish.Start", ((AmfObject)status[3]!).GetString("code"));
        var request = Assert.Single(handler.Requests);
        Assert.Equal(("live", "key1", "token=abc", "rtmp://127.0.0.1:1935/live"), (request.App, request.StreamKey, request.Query, request.TcUrl));

        // @setDataFrame, then a client chunk-size change, then audio and video on interleaved chunk streams.
        var meta = Amf0Writer.Encode("@setDataFrame", "onMetaData", new AmfEcmaArray { { "width", 640.0 } });
        await peer.SendAsync(PipePeer.Message(4, new RtmpMessage(RtmpMessageType.DataAmf0, 1, 0, meta)));
        await peer.SendAsync(PipePeer.Message(2, new RtmpMessage(RtmpMessageType.SetChunkSize, 0, 0, ChunkBytes.U32(1000))));
        await peer.SendAsync(PipePeer.Message(6, new RtmpMessage(RtmpMessageType.Video, 1, 0, ChunkBytes.Payload(2500, 1)), 1000));
        await peer.SendAsync(PipePeer.Message(4, new RtmpMessage(RtmpMessageType.Audio, 1, 23, ChunkBytes.Payload(300, 2)), 1000));
        await peer.SendAsync(PipePeer.Command(3, 0, "FCUnpublish", 6.0, null, "key1"));
        await peer.SendAsync(PipePeer.Command(3, 0, "deleteStream", 7.0, null, 1.0));
        var session = handler.Last!;
        Assert.Null(await session.Ended.Task.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal(640.0, session.Metadata!.GetNumber("width"));
        Assert.Equal(2, session.Messages.Count);
        Assert.Equal(("video", 0u), (session.Messages[0].Kind, session.Messages[0].Timestamp));
        Assert.Equal(ChunkBytes.Payload(2500, 1), session.Messages[0].Body);
        Assert.Equal(("audio", 23u), (session.Messages[1].Kind, session.Messages[1].Timestamp));
    }

    [Fact]
    public async Task AggregateMessageIsSplitIntoItsTagsWithRebasedTimestamps()
    {
        var handler = new RecordingHandler();
        await using var peer = new PipePeer(handler);
        await peer.PublishAsync("k");
        static byte[] Tag(byte type, uint ts, byte[] body) =>
            [type, (byte)(body.Length >> 16), (byte)(body.Length >> 8), (byte)body.Length, (byte)(ts >> 16), (byte)(ts >> 8), (byte)ts, (byte)(ts >> 24), 0, 0, 0, .. body, .. ChunkBytes.U32((uint)body.Length + 11)];
        byte[] aggregate = [.. Tag(9, 5000, [0x17, 1, 0, 0, 0, 0xAA]), .. Tag(8, 5020, [0xAF, 1, 0x21])];
        await peer.SendAsync(PipePeer.Message(6, new RtmpMessage(RtmpMessageType.Aggregate, 1, 100, aggregate)));
        await peer.CloseAsync();
        await handler.Last!.Ended.Task.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal([("video", 100u), ("audio", 120u)], handler.Last.Messages.Select(m => (m.Kind, m.Timestamp)));
        Assert.Equal(new byte[] { 0xAF, 1, 0x21 }, handler.Last.Messages[1].Body);
    }

    [Fact]
    public async Task RefusedPublisherGetsBadNameAndIsClosed()
    {
        var handler = new RecordingHandler(refuse: "no such key");
        await using var peer = new PipePeer(handler);
        var info = await peer.PublishAsync("bad");
        Assert.Equal("error", info.GetString("level"));
        Assert.Equal("NetStream.Publish.BadName", info.GetString("code"));
        Assert.Equal("no such key", info.GetString("description"));
        Assert.Null(await peer.ReceiveMessageAsync()); // closed
        await peer.Run.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task ServerAcknowledgesOnceThePeerWindowIsReceived()
    {
        var handler = new RecordingHandler();
        await using var peer = new PipePeer(handler);
        await peer.PublishAsync("k");
        await peer.SendAsync(PipePeer.Message(2, new RtmpMessage(RtmpMessageType.WindowAcknowledgementSize, 0, 0, ChunkBytes.U32(5000))));
        for (var i = 0; i < 6; i++) await peer.SendAsync(PipePeer.Message(6, new RtmpMessage(RtmpMessageType.Video, 1, (uint)i, ChunkBytes.Payload(1000))));
        RtmpMessage ack;
        do ack = (await peer.ReceiveMessageAsync())!.Value;
        while (ack.Type != RtmpMessageType.Acknowledgement);
        var sequence = BinaryPrimitives.ReadUInt32BigEndian(ack.Payload.Span);
        Assert.InRange(sequence, 5000u, 20000u);
    }

    [Fact]
    public async Task PingRequestIsAnswered()
    {
        await using var peer = new PipePeer(new RecordingHandler());
        await peer.PublishAsync("k");
        await peer.SendAsync(PipePeer.Message(2, new RtmpMessage(RtmpMessageType.UserControl, 0, 0, new byte[] { 0, 6, 0, 0, 0x12, 0x34 })));
        RtmpMessage pong;
        do pong = (await peer.ReceiveMessageAsync())!.Value;
        while (pong.Type != RtmpMessageType.UserControl || pong.Payload.Span[1] != 7);
        Assert.Equal(new byte[] { 0, 7, 0, 0, 0x12, 0x34 }, pong.Payload.ToArray());
    }

    [Fact]
    public async Task IdleConnectionTimesOutOnTheInjectedClock()
    {
        var time = new FakeTimeProvider();
        var handler = new RecordingHandler();
        await using var peer = new PipePeer(handler, new RtmpServerOptions { IdleTimeout = TimeSpan.FromSeconds(30) }, time);
        await peer.PublishAsync("k");
        var session = handler.Last!;
        Assert.False(session.Ended.Task.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(31));
        var error = await session.Ended.Task.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.IsType<TimeoutException>(error);
    }

    [Fact]
    public async Task CommandsBeforeConnectAreAProtocolError()
    {
        var handler = new RecordingHandler();
        await using var peer = new PipePeer(handler);
        await peer.HandshakeAsync();
        await peer.SendAsync(PipePeer.Command(3, 0, "createStream", 2.0, null));
        Assert.Null(await peer.ReceiveMessageAsync());
        Assert.Empty(handler.Requests);
    }

    [Fact]
    public async Task PublishOnAStreamThatWasNotCreatedIsAProtocolError()
    {
        var handler = new RecordingHandler();
        await using var peer = new PipePeer(handler);
        await peer.HandshakeAsync();
        await peer.SendAsync(PipePeer.Command(3, 0, "connect", 1.0, new AmfObject { { "app", "live" } }));
        await peer.ReceiveCommandAsync();
        await peer.SendAsync(PipePeer.Command(8, 7, "publish", 3.0, null, "k", "live"));
        Assert.Null(await peer.ReceiveMessageAsync());
        Assert.Empty(handler.Requests);
    }

    [Fact]
    public async Task PortInUseGivesAClearError()
    {
        await using var first = new RtmpServer(new RtmpServerOptions { Port = 0 }, new RecordingHandler());
        first.Start();
        await using var second = new RtmpServer(new RtmpServerOptions { Port = first.LocalEndPoint.Port }, new RecordingHandler());
        var ex = Assert.Throws<InvalidOperationException>(second.Start);
        Assert.Contains("cannot listen", ex.Message);
    }

    [Fact]
    public async Task DisconnectEndsTheSessionWithoutError()
    {
        var handler = new RecordingHandler();
        var peer = new PipePeer(handler);
        await peer.PublishAsync("k");
        await peer.CloseAsync();
        Assert.Null(await handler.Last!.Ended.Task.WaitAsync(TimeSpan.FromSeconds(5)));
        await peer.DisposeAsync();
    }
}
