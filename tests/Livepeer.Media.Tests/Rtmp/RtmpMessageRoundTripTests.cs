using Livepeer.Media.Amf;

namespace Livepeer.Media.Tests.Rtmp;

/// <summary>Every typed RTMP message survives write then parse; malformed ones are refused with the connection's error texts.</summary>
public class RtmpMessageRoundTripTests
{
    public static TheoryData<string, RtmpMessageBody> Messages() => new()
    {
        { "SetChunkSize", new SetChunkSizeMessage(4096) },
        { "Abort", new AbortMessage(7) },
        { "Acknowledgement", new AcknowledgementMessage(0xFEDCBA98) },
        { "WindowAcknowledgementSize", new WindowAcknowledgementSizeMessage(2_500_000) },
        { "SetPeerBandwidth", new SetPeerBandwidthMessage(2_500_000, PeerBandwidthLimit.Dynamic) },
        { "UserControl StreamBegin", new UserControlMessage(UserControlEvent.StreamBegin, 1) },
        { "UserControl PingRequest", new UserControlMessage(UserControlEvent.PingRequest, 0x1234) },
        { "UserControl SetBufferLength", new UserControlMessage(UserControlEvent.SetBufferLength, 1, 3000) },
        { "Audio", new AudioMessage(new byte[] { 0xAF, 0x01, 1, 2, 3 }) },
        { "Video", new VideoMessage(new byte[] { 0x17, 0x01, 0, 0, 0, 9, 8, 7 }) },
        { "Aggregate", new AggregateMessage(AggregateOf((8, 0, [0xAF, 1]), (9, 40, [0x17, 1, 0, 0, 0]))) },
        { "SharedObject", new IgnoredMessage(RtmpMessageType.SharedObjectAmf0, new byte[] { 1, 2 }) },
        { "Data @setDataFrame", DataMessage.SetDataFrame(new AmfEcmaArray { { "width", 320.0 }, { "encoder", "test" } }) },
        { "connect", new ConnectCommand(1, new AmfObject { { "app", "live" }, { "tcUrl", "rtmp://127.0.0.1/live" } }) },
        { "releaseStream", new ReleaseStreamCommand(2, "key") },
        { "FCPublish", new FCPublishCommand(3, "key") },
        { "FCUnpublish", new FCUnpublishCommand(4, "") },
        { "createStream", new CreateStreamCommand(5) },
        { "publish", new PublishCommand(0, "key?token=1", "live") },
        { "deleteStream", new DeleteStreamCommand(6, 1) },
        { "closeStream", new CloseStreamCommand(0) },
        { "play", new PlayCommand(0, "key") },
        { "_result connect", new ResultCommand(1, new AmfObject { { "fmsVer", "FMS/3,0,1,123" } }, new AmfObject { { "code", "NetConnection.Connect.Success" } }) },
        { "_result createStream", new ResultCommand(5, null, 1.0) },
        { "_result empty", new ResultCommand(2, null, AmfUndefined.Value) },
        { "_error", new ErrorCommand(9, null, new AmfObject { { "level", "error" }, { "code", "NetConnection.Call.Failed" } }) },
        { "onStatus", OnStatusCommand.Of("status", "NetStream.Publish.Start", "key is now published.") },
        { "unknown command", new UnknownCommand("getStreamLength", 7, [null, "key"]) },
    };

    [Theory]
    [MemberData(nameof(Messages))]
    public void ParseOfWriteGivesTheSameMessage(string name, RtmpMessageBody message)
    {
        var envelope = message.ToMessage(streamId: 1, timestamp: 40);
        var parsed = RtmpMessages.Parse(envelope);
        Assert.IsType(message.GetType(), parsed);
        Assert.Equal(message.Type, parsed.Type);
        Assert.Equal(message.Write().ToArray(), parsed.Write().ToArray());
        // Lists print as their type only; their values were compared by their bytes above.
        if (message is not (DataMessage or UnknownCommand)) Assert.Equal(message.ToString(), parsed.ToString());
        // Records of plain values compare whole; those holding bytes, lists or AMF objects were compared by their bytes above.
        if (message is not (AudioMessage or VideoMessage or AggregateMessage or IgnoredMessage or DataMessage or UnknownCommand
            or ConnectCommand or ResultCommand { Information: AmfObject } or ErrorCommand or OnStatusCommand))
            Assert.Equal(message, parsed);
        Assert.NotEmpty(name);
    }

    [Fact]
    public void CommandFieldsAreReadBack()
    {
        var connect = Assert.IsType<ConnectCommand>(RtmpMessages.Parse(new ConnectCommand(1, new AmfObject { { "app", "/live/" }, { "tcUrl", "rtmp://h/live" } }).ToMessage()));
        Assert.Equal(("/live/", "rtmp://h/live", 1.0), (connect.App, connect.TcUrl, connect.Transaction));
        var status = Assert.IsType<OnStatusCommand>(RtmpMessages.Parse(OnStatusCommand.Of("error", "NetStream.Publish.BadName", "no").ToMessage(1)));
        Assert.Equal(("error", "NetStream.Publish.BadName", "no"), (status.Level, status.Code, status.Description));
        var error = Assert.IsType<ErrorCommand>(RtmpMessages.Parse(new ErrorCommand(3, null, new AmfObject { { "code", "X" }, { "description", "Y" } }).ToMessage()));
        Assert.Equal(("X", "Y"), (error.Code, error.Description));
        var metadata = Assert.IsType<DataMessage>(RtmpMessages.Parse(new DataMessage(["onMetaData", new AmfObject { { "width", 640.0 } }]).ToMessage(1))).Metadata;
        Assert.Equal(640.0, metadata!.GetNumber("width"));
    }

    [Fact]
    public void Amf3CommandsAndDataSkipTheirFormatByte()
    {
        var amf0 = new PublishCommand(3, "key", "live").Write().ToArray();
        var publish = Assert.IsType<PublishCommand>(RtmpMessages.Parse(new RtmpMessage(RtmpMessageType.CommandAmf3, 1, 0, (byte[])[0, .. amf0])));
        Assert.Equal(new PublishCommand(3, "key", "live"), publish);
        var data = DataMessage.SetDataFrame(new AmfObject { { "width", 1.0 } }).Write().ToArray();
        Assert.NotNull(Assert.IsType<DataMessage>(RtmpMessages.Parse(new RtmpMessage(RtmpMessageType.DataAmf3, 1, 0, (byte[])[0, .. data]))).Metadata);
    }

    [Fact]
    public void SetChunkSizeIgnoresTheReservedTopBit()
    {
        var parsed = RtmpMessages.Parse(new RtmpMessage(RtmpMessageType.SetChunkSize, 0, 0, new byte[] { 0x80, 0, 0x10, 0 }));
        Assert.Equal(new SetChunkSizeMessage(4096), parsed);
    }

    [Theory]
    [InlineData(RtmpMessageType.SetChunkSize, 3, "SetChunkSize message of 3 bytes is shorter than 4.")]
    [InlineData(RtmpMessageType.Abort, 0, "Abort message of 0 bytes is shorter than 4.")]
    [InlineData(RtmpMessageType.WindowAcknowledgementSize, 2, "WindowAcknowledgementSize message of 2 bytes is shorter than 4.")]
    [InlineData(RtmpMessageType.SetPeerBandwidth, 4, "SetPeerBandwidth message of 4 bytes is shorter than 5.")]
    [InlineData(RtmpMessageType.UserControl, 5, "UserControl message of 5 bytes is shorter than 6.")]
    public void ShortControlMessagesAreRefused(RtmpMessageType type, int length, string error)
    {
        var e = Assert.Throws<RtmpProtocolException>(() => RtmpMessages.Parse(new RtmpMessage(type, 0, 0, new byte[length])));
        Assert.Equal(error, e.Message);
    }

    [Fact]
    public void CommandsWithoutNameAndTransactionAreRefused()
    {
        var e = Assert.Throws<RtmpProtocolException>(() => RtmpMessages.Parse(new RtmpMessage(RtmpMessageType.CommandAmf0, 0, 0, Amf0Writer.Encode("connect", "one"))));
        Assert.Equal("Command message does not start with a command name and a transaction id.", e.Message);
        Assert.Throws<Amf0Exception>(() => RtmpMessages.Parse(new RtmpMessage(RtmpMessageType.CommandAmf0, 0, 0, new byte[] { 0x02, 0, 9, (byte)'c' })));
    }

    [Fact]
    public void AggregatePartsMapTheFirstTagOntoTheMessageTimestamp()
    {
        var aggregate = new AggregateMessage(AggregateOf((9, 1000, [0x17, 1]), (18, 1010, [2]), (8, 1040, [0xAF, 1])));
        var parts = aggregate.Parts(aggregate.ToMessage(streamId: 1, timestamp: 100)).ToList();
        Assert.Equal([(RtmpMessageType.Video, 100u), (RtmpMessageType.Audio, 140u)], parts.Select(p => (p.Type, p.Timestamp)));
        Assert.All(parts, p => Assert.Equal(1u, p.StreamId));
        var truncated = new AggregateMessage(AggregateOf((9, 0, [1, 2, 3])).AsMemory(0, 12));
        Assert.Throws<RtmpProtocolException>(() => truncated.Parts(truncated.ToMessage(1)).ToList());
    }

    private static byte[] AggregateOf(params (byte Type, uint Timestamp, byte[] Body)[] tags)
    {
        var bytes = new List<byte>();
        foreach (var (type, ts, body) in tags)
        {
            bytes.AddRange([type, (byte)(body.Length >> 16), (byte)(body.Length >> 8), (byte)body.Length, (byte)(ts >> 16), (byte)(ts >> 8), (byte)ts, (byte)(ts >> 24), 0, 0, 0]);
            bytes.AddRange(body);
            var back = (uint)(11 + body.Length);
            bytes.AddRange([(byte)(back >> 24), (byte)(back >> 16), (byte)(back >> 8), (byte)back]);
        }
        return [.. bytes];
    }
}
