using System.Net;
using System.Net.Http.Headers;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using Livepeer.Core;
using Livepeer.Core.Crypto;
using Livepeer.Node.Orchestrator;
using Livepeer.Node.Payments;
using Livepeer.Node.Tests.Payments;
using Livepeer.Protocol.Slashing;
using Livepeer.Wire.Auth;
using Livepeer.Wire.Segments;
using Microsoft.Extensions.Time.Testing;
using Proto = Livepeer.Wire.Messages;

namespace Livepeer.Node.Tests.Orchestrator;

/// <summary>An orchestrator on a real TLS port: discovery over gRPC, paid segments over HTTP, and every refusal.</summary>
public sealed class OrchestratorServerTests : IAsyncLifetime
{
    private static readonly UInt256 OneEth = UInt256.Parse("1000000000000000000");
    private readonly PrivateKey _orchestratorKey = PrivateKey.Generate(new Random(31).NextBytes);
    private readonly PrivateKey _broadcasterKey = PrivateKey.Generate(new Random(32).NextBytes);
    private readonly FakeTicketChain _chain = new();
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly string _dir = Directory.CreateTempSubdirectory("orch-").FullName;
    private OrchestratorServer _server = null!;
    private OrchestratorCore _core = null!;
    private HttpClient _http = null!;
    private GrpcChannel _channel = null!;

    /// <summary>
    /// Pretends to transcode: one rendition per profile, pixels = width x height x 60 frames. With <see cref="Vary"/>, each
    /// run's output differs (as ffmpeg's may), after <see cref="Delay"/>.
    /// </summary>
    private sealed class EchoTranscoder : IOrchestratorTranscoder
    {
        public int Jobs;
        public bool Vary;
        public TimeSpan Delay;

        public async Task<IReadOnlyList<TranscodedRendition>> TranscodeAsync(SegmentJob job, CancellationToken ct)
        {
            var run = Interlocked.Increment(ref Jobs);
            if (Delay > TimeSpan.Zero) await Task.Delay(Delay, ct);
            return job.Profiles.Select(p => new TranscodedRendition(p.Name, Vary ? [.. job.Data, (byte)p.Width, (byte)run] : [.. job.Data, (byte)p.Width],
                (long)p.Width * p.Height * 60, "video/mp2t")).ToList();
        }
    }

    private readonly EchoTranscoder _transcoder = new();

    public async Task InitializeAsync()
    {
        _chain.Fund(_broadcasterKey.Address, OneEth);
        var payments = new PaymentOptions();
        var issuer = new TicketParamsIssuer(_orchestratorKey.Address, new byte[32], payments);
        var receiver = new PaymentReceiver(issuer, _chain, new ListQueue(), payments);
        var auth = new AuthTokenIssuer(new byte[16].Select((_, i) => (byte)(i + 1)).ToArray(), _time);
        var options = new OrchestratorServingOptions { MaxSessions = 1, ServiceUri = new Uri("https://127.0.0.1:1") };
        _core = new OrchestratorCore(_orchestratorKey, options, issuer, receiver, _chain, auth, _transcoder, _time);
        var cert = SelfSignedCertificate.LoadOrCreate(Path.Combine(_dir, "tls.pfx"), TimeProvider.System);
        _server = await OrchestratorServer.StartAsync(_core, _orchestratorKey, new IPEndPoint(IPAddress.Loopback, 0), cert, options.MaxSegmentBytes);
        options.ServiceUri = _server.Address; // rendition URLs point at the bound port
        // The certificate is self-signed: the orchestrator's identity is its Ethereum address, checked on its signatures.
        static SocketsHttpHandler Handler() => new() { SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true } };
        _http = new HttpClient(Handler()) { BaseAddress = _server.Address };
        _channel = GrpcChannel.ForAddress(_server.Address, new GrpcChannelOptions { HttpHandler = Handler() });
    }

    public async Task DisposeAsync()
    {
        _channel.Dispose();
        _http.Dispose();
        await _server.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    private Proto.OrchestratorRequest Request(PrivateKey signer, Address? claimed = null) => new()
    {
        Address = ByteString.CopyFrom((claimed ?? signer.Address).Bytes),
        Sig = ByteString.CopyFrom(PersonalMessage.Sign(signer, Keccak256.Hash((claimed ?? signer.Address).Bytes).Bytes).ToArray()),
    };

    private static readonly Proto.VideoProfile[] Ladder =
    [
        new() { Name = "P360p30fps16x9", Width = 640, Height = 360, Bitrate = 1_200_000, Fps = 30 },
        new() { Name = "P240p30fps16x9", Width = 426, Height = 240, Bitrate = 600_000, Fps = 30 },
    ];

    private HttpRequestMessage SegmentRequest(Proto.OrchestratorInfo info, byte[] body, long seq, PaymentSender sender, byte[]? claimedBody = null)
    {
        var hash = Keccak256.Hash(claimedBody ?? body);
        var names = Ladder.Select(p => p.Name).ToList();
        var seg = new Proto.SegData
        {
            ManifestId = ByteString.CopyFromUtf8("stream1"), Seq = seq, Hash = ByteString.CopyFrom(hash.Bytes), Duration = 2000,
            Profiles = ByteString.CopyFrom(ProfileIds.Concat(names)), AuthToken = info.AuthToken, Capabilities = new Proto.Capabilities { Bitstring = { 1UL << 12 | 1UL | 2UL } },
            Sig = ByteString.CopyFrom(PersonalMessage.Sign(_broadcasterKey, Keccak256.Hash(SegmentSigningMessage.Flatten("stream1", seq, hash, names)).Bytes).ToArray()),
        };
        seg.FullProfiles3.Add(Ladder);
        var parameters = PaymentWire.FromProto(info.TicketParams);
        var fee = Attowei.Fee(Ladder.Sum(p => (long)p.Width * p.Height * 60), 1200, 1);
        var request = new HttpRequestMessage(HttpMethod.Post, "/segment") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(SegmentHeaders.MediaTypeMpegTs);
        request.Headers.Add(SegmentHeaders.Segment, HeaderCodec.Encode(seg));
        request.Headers.Add(SegmentHeaders.Payment, HeaderCodec.Encode(PaymentWire.ToProto(sender.Pay(parameters, fee), 1200, 1)));
        return request;
    }

    [Fact]
    public async Task ASegmentSentAgainGetsTheResultAlreadySignedEvenWhenBothCopiesArriveTogether()
    {
        _transcoder.Vary = true; // a second transcode would sign a different result: equivocation
        _transcoder.Delay = TimeSpan.FromMilliseconds(200);
        var client = new Proto.Orchestrator.OrchestratorClient(_channel);
        var info = await client.GetOrchestratorAsync(Request(_broadcasterKey));
        var sender = new PaymentSender(_broadcasterKey);
        var body = Enumerable.Range(0, 3000).Select(i => (byte)(i * 7)).ToArray();
        async Task<Proto.TranscodeResult> Send()
        {
            using var response = await _http.SendAsync(SegmentRequest(info, body, 9, sender));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return Proto.TranscodeResult.Parser.ParseFrom(await response.Content.ReadAsByteArrayAsync());
        }
        var together = await Task.WhenAll(Send(), Send());
        var later = await Send();
        Assert.Equal(1, _transcoder.Jobs);
        Assert.All([together[1], later], r => Assert.Equal(together[0].Data.Sig, r.Data.Sig));
        Assert.All([together[1], later], r => Assert.Equal(together[0].Data.Segments.Select(x => x.Url), r.Data.Segments.Select(x => x.Url)));
        Assert.Equal(3, _core.Segments);

        // Another source under the same number is another segment: transcoded and signed for that source.
        var other = body.Reverse().ToArray();
        using var response = await _http.SendAsync(SegmentRequest(info, other, 9, sender));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, _transcoder.Jobs);
    }

    [Fact]
    public async Task ABroadcasterDiscoversPaysAndGetsSignedRenditions()
    {
        var client = new Proto.Orchestrator.OrchestratorClient(_channel);
        var info = await client.GetOrchestratorAsync(Request(_broadcasterKey));
        Assert.Equal(_orchestratorKey.Address, new Address(info.Address.Span));
        Assert.Equal(1200, info.PriceInfo.PricePerUnit);
        Assert.NotNull(info.TicketParams);

        var sender = new PaymentSender(_broadcasterKey);
        var body = Enumerable.Range(0, 5000).Select(i => (byte)i).ToArray();
        using var response = await _http.SendAsync(SegmentRequest(info, body, 7, sender));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = Proto.TranscodeResult.Parser.ParseFrom(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(7, result.Seq);
        Assert.Equal(2, result.Data.Segments.Count);
        Assert.Equal(640L * 360 * 60, result.Data.Segments[0].Pixels);

        var renditions = new List<byte[]>();
        foreach (var s in result.Data.Segments) renditions.Add(await _http.GetByteArrayAsync(s.Url));
        Assert.Equal([.. body, (byte)(640 & 0xFF)], renditions[0]);
        var claim = SegmentClaim.Hash("stream1", 7, Keccak256.Hash(ProfileIds.Concat(Ladder.Select(p => p.Name))), Keccak256.Hash(body),
            TranscodeResultHash.Of(renditions.Select(r => (ReadOnlyMemory<byte>)r)));
        Assert.Equal(_orchestratorKey.Address, PersonalMessage.Recover(claim.Bytes, Signature.FromBytes(result.Data.ClaimSig.Span)));
        Assert.Equal(1, _core.Segments);

        var ping = await client.PingAsync(new Proto.PingPong { Value = ByteString.CopyFromUtf8("hello") });
        Assert.Equal(_orchestratorKey.Address, PersonalMessage.Recover(Keccak256.Hash("hello"u8).Bytes, Signature.FromBytes(ping.Value.Span)));
    }

    [Fact]
    public async Task DiscoveryRefusesForgedRequestsAndSaysWhenAtCapacity()
    {
        var client = new Proto.Orchestrator.OrchestratorClient(_channel);
        var forged = await Assert.ThrowsAsync<RpcException>(async () => await client.GetOrchestratorAsync(Request(_orchestratorKey, _broadcasterKey.Address)));
        Assert.Equal(StatusCode.PermissionDenied, forged.StatusCode);

        var info = await client.GetOrchestratorAsync(Request(_broadcasterKey));
        using (var ok = await _http.SendAsync(SegmentRequest(info, [1, 2, 3], 1, new PaymentSender(_broadcasterKey)))) Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        // MaxSessions = 1 and one session is open: the next broadcaster is told the orchestrator is full.
        var full = await Assert.ThrowsAsync<RpcException>(async () => await client.GetOrchestratorAsync(Request(_broadcasterKey)));
        Assert.Equal(StatusCode.ResourceExhausted, full.StatusCode);
        Assert.Contains("capacity", full.Status.Detail);
        var other = await client.GetOrchestratorAsync(new Proto.OrchestratorRequest(Request(_broadcasterKey)) { IgnoreCapacityCheck = true });
        using var refused = await _http.SendAsync(SegmentRequest(other, [1, 2, 3], 2, new PaymentSender(_broadcasterKey)));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode); // go-livepeer's code for a full orchestrator
        Assert.StartsWith("OrchestratorCapped", await refused.Content.ReadAsStringAsync());
        // Idle sessions close and free the slot.
        _time.Advance(TimeSpan.FromMinutes(2));
        await client.GetOrchestratorAsync(Request(_broadcasterKey));
    }

    public static TheoryData<string, HttpStatusCode, string> Attacks() => new()
    {
        { "hash mismatch", HttpStatusCode.Forbidden, "keccak256" },
        { "forged auth token", HttpStatusCode.Forbidden, "auth token" },
        { "expired auth token", HttpStatusCode.Forbidden, "expired" },
        { "replayed payment", HttpStatusCode.BadRequest, "NonceReplayed" },
        { "unfunded sender", HttpStatusCode.BadRequest, "SenderUnfunded" },
        { "segment not signed by payer", HttpStatusCode.Forbidden, "not signed" },
        { "garbage header", HttpStatusCode.Forbidden, "base64" },
    };

    [Theory]
    [MemberData(nameof(Attacks))]
    public async Task AttacksAreRefusedWithTheirReasonAndNoWorkDone(string attack, HttpStatusCode status, string reason)
    {
        var info = await new Proto.Orchestrator.OrchestratorClient(_channel).GetOrchestratorAsync(Request(_broadcasterKey));
        var sender = new PaymentSender(_broadcasterKey);
        var request = SegmentRequest(info, [9, 9, 9], 1, sender, claimedBody: attack == "hash mismatch" ? [1, 1, 1] : null);
        switch (attack)
        {
            case "forged auth token":
                info.AuthToken.SessionId = "someone-else";
                request = SegmentRequest(info, [9, 9, 9], 1, sender);
                break;
            case "expired auth token": _time.Advance(TimeSpan.FromMinutes(31)); break;
            case "replayed payment":
                var replay = await request.Content!.ReadAsByteArrayAsync();
                var first = await _http.SendAsync(request);
                Assert.Equal(HttpStatusCode.OK, first.StatusCode);
                var again = new HttpRequestMessage(HttpMethod.Post, "/segment") { Content = new ByteArrayContent(replay) };
                foreach (var h in request.Headers) again.Headers.TryAddWithoutValidation(h.Key, h.Value);
                request = again;
                break;
            case "unfunded sender": _chain.Fund(_broadcasterKey.Address, 0); break;
            case "segment not signed by payer":
                var other = PrivateKey.Generate(new Random(99).NextBytes);
                _chain.Fund(other.Address, OneEth);
                var otherInfo = await new Proto.Orchestrator.OrchestratorClient(_channel).GetOrchestratorAsync(Request(other));
                var otherPayment = new PaymentSender(other).Pay(PaymentWire.FromProto(otherInfo.TicketParams), Attowei.PerWei);
                request.Headers.Remove(SegmentHeaders.Payment);
                request.Headers.Add(SegmentHeaders.Payment, HeaderCodec.Encode(PaymentWire.ToProto(otherPayment, 1200, 1)));
                break;
            case "garbage header":
                request.Headers.Remove(SegmentHeaders.Segment);
                request.Headers.Add(SegmentHeaders.Segment, "%%%");
                break;
        }
        var segmentsBefore = _core.Segments;
        using var response = await _http.SendAsync(request);
        Assert.Equal(status, response.StatusCode);
        Assert.Contains(reason, await response.Content.ReadAsStringAsync());
        Assert.Equal(segmentsBefore, _core.Segments);
    }
}
