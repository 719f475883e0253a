using Google.Protobuf;
using Livepeer.Wire.Messages;

namespace Livepeer.Wire.Tests;

/// <summary>The field numbers on the wire must match go-livepeer's, byte for byte.</summary>
public class FieldNumberTests
{
    // A length-delimited field's tag is (number << 3) | 2, a varint field's (number << 3) | 0, written as a varint.
    private static byte[] Tag(int number, int wireType)
    {
        var value = (uint)(number << 3 | wireType);
        var bytes = new List<byte>();
        while (value >= 0x80) { bytes.Add((byte)(value | 0x80)); value >>= 7; }
        bytes.Add((byte)value);
        return bytes.ToArray();
    }

    private static void AssertStartsWithTag(IMessage message, int number, int wireType)
    {
        var bytes = message.ToByteArray();
        var tag = Tag(number, wireType);
        Assert.True(bytes.AsSpan().StartsWith(tag), $"{message.GetType().Name}: expected tag {Convert.ToHexString(tag)} got {Convert.ToHexString(bytes)}");
    }

    [Fact]
    public void OrchestratorRequestFields()
    {
        AssertStartsWithTag(new OrchestratorRequest { Address = ByteString.CopyFrom(1) }, 1, 2);
        AssertStartsWithTag(new OrchestratorRequest { Sig = ByteString.CopyFrom(1) }, 2, 2);
        AssertStartsWithTag(new OrchestratorRequest { Capabilities = new Capabilities { Bitstring = { 1 } } }, 3, 2);
        AssertStartsWithTag(new OrchestratorRequest { IgnoreCapacityCheck = true }, 4, 0);
    }

    [Fact]
    public void OrchestratorInfoFields()
    {
        AssertStartsWithTag(new OrchestratorInfo { Transcoder = "https://o" }, 1, 2);
        AssertStartsWithTag(new OrchestratorInfo { TicketParams = new TicketParams() }, 2, 2);
        AssertStartsWithTag(new OrchestratorInfo { PriceInfo = new PriceInfo() }, 3, 2);
        AssertStartsWithTag(new OrchestratorInfo { Address = ByteString.CopyFrom(1) }, 4, 2);
        AssertStartsWithTag(new OrchestratorInfo { Capabilities = new Capabilities() }, 5, 2);
        AssertStartsWithTag(new OrchestratorInfo { AuthToken = new AuthToken() }, 6, 2);
    }

    [Fact]
    public void TicketAndPaymentFields()
    {
        AssertStartsWithTag(new TicketParams { Recipient = ByteString.CopyFrom(1) }, 1, 2);
        AssertStartsWithTag(new TicketParams { FaceValue = ByteString.CopyFrom(1) }, 2, 2);
        AssertStartsWithTag(new TicketParams { WinProb = ByteString.CopyFrom(1) }, 3, 2);
        AssertStartsWithTag(new TicketParams { RecipientRandHash = ByteString.CopyFrom(1) }, 4, 2);
        AssertStartsWithTag(new TicketParams { Seed = ByteString.CopyFrom(1) }, 5, 2);
        AssertStartsWithTag(new TicketParams { ExpirationBlock = ByteString.CopyFrom(1) }, 6, 2);
        AssertStartsWithTag(new TicketParams { ExpirationParams = new TicketExpirationParams() }, 7, 2);
        AssertStartsWithTag(new TicketExpirationParams { CreationRound = 1 }, 1, 0);
        AssertStartsWithTag(new TicketExpirationParams { CreationRoundBlockHash = ByteString.CopyFrom(1) }, 2, 2);
        AssertStartsWithTag(new TicketSenderParams { SenderNonce = 1 }, 1, 0);
        AssertStartsWithTag(new TicketSenderParams { Sig = ByteString.CopyFrom(1) }, 2, 2);
        AssertStartsWithTag(new Payment { TicketParams = new TicketParams() }, 1, 2);
        AssertStartsWithTag(new Payment { Sender = ByteString.CopyFrom(1) }, 2, 2);
        AssertStartsWithTag(new Payment { ExpirationParams = new TicketExpirationParams() }, 3, 2);
        AssertStartsWithTag(new Payment { TicketSenderParams = { new TicketSenderParams() } }, 4, 2);
        AssertStartsWithTag(new Payment { ExpectedPrice = new PriceInfo() }, 5, 2);
        AssertStartsWithTag(new PriceInfo { PricePerUnit = 1 }, 1, 0);
        AssertStartsWithTag(new PriceInfo { PixelsPerUnit = 1 }, 2, 0);
        AssertStartsWithTag(new AuthToken { Token = ByteString.CopyFrom(1) }, 1, 2);
        AssertStartsWithTag(new AuthToken { SessionId = "s" }, 2, 2);
        AssertStartsWithTag(new AuthToken { Expiration = 1 }, 3, 0);
    }

    [Fact]
    public void SegmentAndProfileFields()
    {
        AssertStartsWithTag(new SegData { ManifestId = ByteString.CopyFrom(1) }, 1, 2);
        AssertStartsWithTag(new SegData { Seq = 1 }, 2, 0);
        AssertStartsWithTag(new SegData { Hash = ByteString.CopyFrom(1) }, 3, 2);
        AssertStartsWithTag(new SegData { Profiles = ByteString.CopyFrom(1) }, 4, 2);
        AssertStartsWithTag(new SegData { Sig = ByteString.CopyFrom(1) }, 5, 2);
        AssertStartsWithTag(new SegData { Duration = 2000 }, 6, 0);
        AssertStartsWithTag(new SegData { Capabilities = new Capabilities() }, 7, 2);
        AssertStartsWithTag(new SegData { AuthToken = new AuthToken() }, 8, 2);
        AssertStartsWithTag(new SegData { FullProfiles3 = { new VideoProfile() } }, 35, 2);
        AssertStartsWithTag(new VideoProfile { Name = "x" }, 16, 2);
        AssertStartsWithTag(new VideoProfile { Width = 1 }, 17, 0);
        AssertStartsWithTag(new VideoProfile { Height = 1 }, 18, 0);
        AssertStartsWithTag(new VideoProfile { Bitrate = 1 }, 19, 0);
        AssertStartsWithTag(new VideoProfile { Fps = 1 }, 20, 0);
        AssertStartsWithTag(new VideoProfile { Format = VideoProfile.Types.Format.Mp4 }, 21, 0);
        AssertStartsWithTag(new VideoProfile { FpsDen = 1 }, 22, 0);
        AssertStartsWithTag(new VideoProfile { Profile = VideoProfile.Types.Profile.H264High }, 23, 0);
        AssertStartsWithTag(new VideoProfile { Gop = 1 }, 24, 0);
        AssertStartsWithTag(new VideoProfile { Encoder = VideoProfile.Types.VideoCodec.Av1 }, 25, 0);
    }

    [Fact]
    public void ResultAndTranscoderFields()
    {
        AssertStartsWithTag(new TranscodeResult { Seq = 1 }, 1, 0);
        AssertStartsWithTag(new TranscodeResult { Error = "e" }, 2, 2);
        AssertStartsWithTag(new TranscodeResult { Data = new TranscodeData() }, 3, 2);
        AssertStartsWithTag(new TranscodeResult { Info = new OrchestratorInfo() }, 16, 2);
        AssertStartsWithTag(new TranscodeData { Segments = { new TranscodedSegmentData() } }, 1, 2);
        AssertStartsWithTag(new TranscodeData { Sig = ByteString.CopyFrom(1) }, 2, 2);
        AssertStartsWithTag(new TranscodedSegmentData { Url = "u" }, 1, 2);
        AssertStartsWithTag(new TranscodedSegmentData { Pixels = 1 }, 2, 0);
        AssertStartsWithTag(new RegisterRequest { Secret = "s" }, 1, 2);
        AssertStartsWithTag(new RegisterRequest { Capacity = 1 }, 2, 0);
        AssertStartsWithTag(new RegisterRequest { Capabilities = new Capabilities() }, 3, 2);
        AssertStartsWithTag(new NotifySegment { Url = "u" }, 1, 2);
        AssertStartsWithTag(new NotifySegment { SegData = new SegData() }, 3, 2);
        AssertStartsWithTag(new NotifySegment { TaskId = 1 }, 16, 0);
    }

    [Fact]
    public void ServicesUseGoLivepeerNames()
    {
        // gRPC routes are /package.Service/Method; go-livepeer peers call /net.Orchestrator/GetOrchestrator.
        Assert.Equal("net.Orchestrator", Orchestrator.Descriptor.FullName);
        Assert.Equal(["GetOrchestrator", "EndTranscodingSession", "Ping"], Orchestrator.Descriptor.Methods.Select(m => m.Name));
        Assert.Equal("net.Transcoder", Messages.Transcoder.Descriptor.FullName);
        Assert.True(Messages.Transcoder.Descriptor.Methods.Single().IsServerStreaming);
    }

    [Fact]
    public void KnownEncodingOfAPayment()
    {
        // Hand-assembled: Payment{sender=0x01, ticket_sender_params=[{sender_nonce=5}]}.
        var payment = new Payment { Sender = ByteString.CopyFrom(1), TicketSenderParams = { new TicketSenderParams { SenderNonce = 5 } } };
        Assert.Equal("1201012202" + "0805", Convert.ToHexString(payment.ToByteArray()));
    }

    [Fact]
    public void FieldsAddedForGoLivepeer()
    {
        AssertStartsWithTag(new Capabilities { Version = "1.0.0" }, 4, 2);
        AssertStartsWithTag(new Capabilities { Constraints = new Capabilities.Types.Constraints { MinVersion = "0.8.0" } }, 5, 2);
        AssertStartsWithTag(new Capabilities.Types.Constraints { MinVersion = "0.8.0" }, 1, 2);
        AssertStartsWithTag(new SegData { CalcPerceptualHash = true }, 10, 0);
        AssertStartsWithTag(new NotifySegment { OrchId = "0x" }, 18, 2);
        // The project's segment claim: a field number go-livepeer does not use, so its parser skips it.
        AssertStartsWithTag(new TranscodeData { ClaimSig = ByteString.CopyFrom(1) }, 1001, 2);
    }
}
