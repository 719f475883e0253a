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
using Livepeer.Wire.Auth;
using Livepeer.Wire.Segments;
using Microsoft.Extensions.Time.Testing;
using Proto = Livepeer.Wire.Messages;

namespace Livepeer.Node.Tests.Abuse;

/// <summary>
/// The free-capacity attack (issue 16): keys with nothing on the ledger ask for tokens and send segments to fill an
/// orchestrator's sessions. Only a paid segment takes a slot, one sender holds at most its share, unpaid sessions expire
/// fast, and an off-chain orchestrator can serve an allow-list only. A paying broadcaster is served throughout.
/// </summary>
public sealed class FreeCapacityAttackTests : IAsyncLifetime
{
    private static readonly UInt256 OneEth = UInt256.Parse("1000000000000000000");
    private readonly PrivateKey _orchestratorKey = PrivateKey.Generate(new Random(161).NextBytes);
    private readonly PrivateKey _payer = PrivateKey.Generate(new Random(162).NextBytes);
    private readonly FakeTicketChain _chain = new();
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly string _dir = Directory.CreateTempSubdirectory("abuse-orch-").FullName;
    private readonly CountingTranscoder _transcoder = new();
    private OrchestratorServer _server = null!;
    private OrchestratorCore _core = null!;
    private HttpClient _http = null!;
    private GrpcChannel _channel = null!;

    private sealed class CountingTranscoder : IOrchestratorTranscoder
    {
        public int Jobs;

        public Task<IReadOnlyList<TranscodedRendition>> TranscodeAsync(SegmentJob job, CancellationToken ct)
        {
            Interlocked.Increment(ref Jobs);
            return Task.FromResult<IReadOnlyList<TranscodedRendition>>(
                job.Profiles.Select(p => new TranscodedRendition(p.Name, [.. job.Data, (byte)p.Width], (long)p.Width * p.Height * 60, "video/mp2t")).ToList());
        }
    }

    private static readonly Proto.VideoProfile[] Ladder = [new() { Name = "P240p30fps16x9", Width = 426, Height = 240, Bitrate = 600_000, Fps = 30 }];

    public async Task InitializeAsync()
    {
        _chain.Fund(_payer.Address, OneEth);
        _core = Core(new OrchestratorServingOptions { MaxSessions = 3, MaxSessionsPerSender = 2, ServiceUri = new Uri("https://127.0.0.1:1") });
        var cert = SelfSignedCertificate.LoadOrCreate(Path.Combine(_dir, "tls.pfx"), TimeProvider.System);
        _server = await OrchestratorServer.StartAsync(_core, _orchestratorKey, new IPEndPoint(IPAddress.Loopback, 0), cert, 1 << 20);
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

    private OrchestratorCore Core(OrchestratorServingOptions options)
    {
        var payments = new PaymentOptions();
        var issuer = new TicketParamsIssuer(_orchestratorKey.Address, new byte[32], payments);
        var receiver = new PaymentReceiver(issuer, _chain, new ListQueue(), payments, _time);
        var auth = new AuthTokenIssuer(Enumerable.Range(1, 16).Select(i => (byte)i).ToArray(), _time);
        return new OrchestratorCore(_orchestratorKey, options, issuer, receiver, _chain, auth, _transcoder, _time);
    }

    private static Proto.OrchestratorRequest Discovery(PrivateKey signer) => new()
    {
        Address = ByteString.CopyFrom(signer.Address.Bytes),
        Sig = ByteString.CopyFrom(DiscoverySignature.Sign(signer)),
    };

    private Task<Proto.OrchestratorInfo> DiscoverAsync(PrivateKey signer) =>
        new Proto.Orchestrator.OrchestratorClient(_channel).GetOrchestratorAsync(Discovery(signer)).ResponseAsync;

    /// <summary>The two headers of POST /segment: the segment signed by <paramref name="signer"/> (null: unsigned), and the payment (null: none).</summary>
    private static (string Segment, string Payment) Headers(PrivateKey? signer, Proto.AuthToken token, string stream, long seq, byte[] body, TicketPayment? payment)
    {
        var hash = Keccak256.Hash(body);
        var names = Ladder.Select(p => p.Name).ToList();
        var seg = new Proto.SegData
        {
            ManifestId = ByteString.CopyFromUtf8(stream), Seq = seq, Hash = ByteString.CopyFrom(hash.Bytes), Duration = 2000,
            Profiles = ByteString.CopyFrom(ProfileIds.Concat(names)), AuthToken = token, Capabilities = new Proto.Capabilities { Bitstring = { 1UL << 12 | 1UL | 2UL } },
        };
        if (signer is not null) seg.Sig = ByteString.CopyFrom(PersonalMessage.Sign(signer, Keccak256.Hash(SegmentSigningMessage.Flatten(stream, seq, hash, names)).Bytes).ToArray());
        seg.FullProfiles3.Add(Ladder);
        return (HeaderCodec.Encode(seg), payment is null ? "" : HeaderCodec.Encode(PaymentWire.ToProto(payment, 1200, 1)));
    }

    private async Task<HttpResponseMessage> PostAsync(PrivateKey signer, Proto.AuthToken token, string stream, long seq, TicketPayment? payment)
    {
        var body = Enumerable.Range(0, 2000).Select(i => (byte)(i + seq)).ToArray();
        var (segment, pay) = Headers(signer, token, stream, seq, body, payment);
        var request = new HttpRequestMessage(HttpMethod.Post, "/segment") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(SegmentHeaders.MediaTypeMpegTs);
        request.Headers.Add(SegmentHeaders.Segment, segment);
        request.Headers.Add(SegmentHeaders.Payment, pay);
        return await _http.SendAsync(request);
    }

    private readonly Dictionary<(Address, string), PaymentSender> _senders = [];

    // One payment sender per session, as a broadcaster keeps: its ticket nonces never repeat.
    private TicketPayment Paid(PrivateKey sender, Proto.OrchestratorInfo info) =>
        (_senders.TryGetValue((sender.Address, info.AuthToken.SessionId), out var s) ? s : _senders[(sender.Address, info.AuthToken.SessionId)] = new PaymentSender(sender)).Pay(PaymentWire.FromProto(info.TicketParams), Attowei.Fee(Ladder.Sum(p => (long)p.Width * p.Height * 60), 1200, 1));

    [Fact]
    public async Task UnfundedKeysTakeNoSessionAndAPayingBroadcasterIsServed()
    {
        var payerInfo = await DiscoverAsync(_payer);
        var stolen = PaymentWire.FromProto(payerInfo.TicketParams);
        // 30 keys with nothing on the ledger (3 sessions here): each gets a token, then sends segments signed by itself with
        // no tickets, and with tickets under parameters issued to the paying broadcaster.
        var statuses = await Task.WhenAll(Enumerable.Range(0, 30).Select(async i =>
        {
            var attacker = PrivateKey.Generate(new Random(1000 + i).NextBytes);
            var info = await DiscoverAsync(attacker);
            Assert.Null(info.TicketParams); // nothing to pay with
            using var empty = await PostAsync(attacker, info.AuthToken, $"free{i}", 0, new TicketPayment(attacker.Address, stolen, []));
            using var forged = await PostAsync(attacker, info.AuthToken, $"free{i}", 1, new PaymentSender(attacker).Pay(stolen, Attowei.PerWei));
            return (empty.StatusCode, forged.StatusCode, await forged.Content.ReadAsStringAsync());
        }));
        Assert.All(statuses, s => Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest), (s.Item1, s.Item2)));
        Assert.All(statuses, s => Assert.Contains("ParamsNotIssued", s.Item3));
        Assert.Equal(0, _core.Sessions.Count);
        Assert.Equal(0, _transcoder.Jobs);

        // The orchestrator still has room, and the paying broadcaster gets its renditions.
        await DiscoverAsync(_payer);
        using var served = await PostAsync(_payer, payerInfo.AuthToken, "paid", 0, Paid(_payer, payerInfo));
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        var result = Proto.TranscodeResult.Parser.ParseFrom(await served.Content.ReadAsByteArrayAsync());
        Assert.Single(result.Data.Segments);
        Assert.Equal(1, _core.Sessions.Count);
        Assert.Equal(1, _transcoder.Jobs);
    }

    [Fact]
    public async Task OneFundedSenderHoldsAtMostItsShareOfTheSessions()
    {
        var greedy = PrivateKey.Generate(new Random(163).NextBytes);
        _chain.Fund(greedy.Address, OneEth);
        var tokens = new List<Proto.OrchestratorInfo>();
        for (var i = 0; i < 2; i++)
        {
            var info = await DiscoverAsync(greedy);
            tokens.Add(info);
            using var ok = await PostAsync(greedy, info.AuthToken, $"greedy{i}", 0, Paid(greedy, info));
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }
        Assert.Equal(2, _core.Sessions.CountFor(greedy.Address));

        // Its third stream is refused on discovery and on a segment (a token asked for with ignoreCapacityCheck), as go's
        // OrchestratorCapped, so its broadcaster moves that stream elsewhere; its two sessions keep working.
        var refused = await Assert.ThrowsAsync<RpcException>(() => DiscoverAsync(greedy));
        Assert.Equal(StatusCode.ResourceExhausted, refused.StatusCode);
        var third = await new Proto.Orchestrator.OrchestratorClient(_channel).GetOrchestratorAsync(new Proto.OrchestratorRequest(Discovery(greedy)) { IgnoreCapacityCheck = true });
        using (var capped = await PostAsync(greedy, third.AuthToken, "greedy2", 0, Paid(greedy, third)))
        {
            Assert.Equal(HttpStatusCode.Forbidden, capped.StatusCode);
            Assert.StartsWith(OrchestratorRefusal.CappedText, await capped.Content.ReadAsStringAsync());
        }
        using (var again = await PostAsync(greedy, tokens[0].AuthToken, "greedy0", 1, Paid(greedy, tokens[0]))) Assert.Equal(HttpStatusCode.OK, again.StatusCode);

        // A token cannot be borrowed: the payer sending under the greedy sender's session is refused.
        var payerInfo = await DiscoverAsync(_payer);
        using (var borrowed = await PostAsync(_payer, tokens[1].AuthToken, "borrowed", 0, Paid(_payer, payerInfo)))
            Assert.Equal(HttpStatusCode.Forbidden, borrowed.StatusCode);

        // The last slot is the paying broadcaster's.
        using var served = await PostAsync(_payer, payerInfo.AuthToken, "paid", 0, Paid(_payer, payerInfo));
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal(3, _core.Sessions.Count);
    }

    [Fact]
    public void UnpaidSessionsExpireFastAndPaidOnesLast()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var sessions = new SessionRegistry(2, TimeSpan.FromMinutes(1), time, perSender: 1, unpaidTimeout: TimeSpan.FromSeconds(8));
        var (a, b) = (PrivateKey.Generate(new Random(1).NextBytes).Address, PrivateKey.Generate(new Random(2).NextBytes).Address);
        Assert.Equal(SessionAdmission.Admitted, sessions.TryOpen("paid", a, paid: true));
        Assert.Equal(SessionAdmission.SenderLimit, sessions.TryOpen("paid-2", a, paid: true));
        Assert.Equal(SessionAdmission.Admitted, sessions.TryOpen("unpaid", b, paid: false));
        Assert.Equal(SessionAdmission.AtCapacity, sessions.TryOpen("third", PrivateKey.Generate(new Random(3).NextBytes).Address, paid: true));
        Assert.Equal(SessionAdmission.NotOwner, sessions.TryOpen("unpaid", a, paid: true));

        time.Advance(TimeSpan.FromSeconds(9));
        Assert.Equal(1, sessions.Count); // the unpaid one is gone, its slot free
        Assert.True(sessions.HasRoom);

        // A paid session that spent its credit goes the same way.
        sessions.MarkUnpaid("paid");
        time.Advance(TimeSpan.FromSeconds(9));
        Assert.Equal(0, sessions.Count);
    }

    [Fact]
    public async Task AnOffChainOrchestratorWithAnAllowListServesOnlyThoseBroadcasters()
    {
        var stranger = PrivateKey.Generate(new Random(164).NextBytes);
        var core = Core(new OrchestratorServingOptions { OffChain = true, MaxSessions = 2, ServiceUri = new Uri("https://127.0.0.1:1"), AllowedBroadcasters = new HashSet<Address> { _payer.Address } });

        // Discovery: the stranger, and an unsigned (go off-chain style) request, are refused; the allowed broadcaster is not.
        var strangerRefused = await Assert.ThrowsAsync<OrchestratorRefusal>(() => core.GetOrchestratorAsync(Discovery(stranger), CancellationToken.None));
        Assert.Equal(RefusalKind.Forbidden, strangerRefused.Kind);
        Assert.Contains("allow-list", strangerRefused.Message);
        await Assert.ThrowsAsync<OrchestratorRefusal>(() => core.GetOrchestratorAsync(new Proto.OrchestratorRequest(), CancellationToken.None));
        var info = await core.GetOrchestratorAsync(Discovery(_payer), CancellationToken.None);
        Assert.Null(info.TicketParams);

        // Segments: with the allowed broadcaster's token, only its own signature opens a session.
        var body = new byte[1500];
        foreach (var signer in new PrivateKey?[] { stranger, null })
        {
            var (segment, payment) = Headers(signer, info.AuthToken, "s", 0, body, null);
            var refused = await Assert.ThrowsAsync<OrchestratorRefusal>(() => core.ProcessSegmentAsync(segment, payment, body, CancellationToken.None));
            Assert.Equal(RefusalKind.Forbidden, refused.Kind);
        }
        Assert.Equal(0, core.Sessions.Count);
        var (ok, none) = Headers(_payer, info.AuthToken, "s", 0, body, null);
        var result = await core.ProcessSegmentAsync(ok, none, body, CancellationToken.None);
        Assert.Single(result.Data.Segments);
        Assert.Equal(1, core.Sessions.CountFor(_payer.Address));
    }
}
