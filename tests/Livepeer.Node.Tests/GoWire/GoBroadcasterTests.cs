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
using Proto = Livepeer.Wire.Messages;

namespace Livepeer.Node.Tests.GoWire;

/// <summary>
/// A go-rules broadcaster (<see cref="GoRules"/>) drives the project's orchestrator over real TLS sockets: discovery,
/// capabilities, the Payment layout, minimal byte fields, the early 200, go's result signature, status codes and texts,
/// segment by URL and off-chain mode — one test per row of the wire document's broadcaster → orchestrator direction.
/// </summary>
public sealed class GoBroadcasterTests : IAsyncLifetime
{
    private readonly PrivateKey _orchestratorKey = PrivateKey.Generate(new Random(61).NextBytes);
    private readonly PrivateKey _broadcasterKey = PrivateKey.Generate(new Random(62).NextBytes);
    private readonly FakeTicketChain _chain = new();
    private readonly string _dir = Directory.CreateTempSubdirectory("gowire-").FullName;
    private readonly GatedTranscoder _transcoder = new();
    private readonly OrchestratorServingOptions _options = new() { MaxSessions = 2, ServiceUri = new Uri("https://127.0.0.1:1") };
    private OrchestratorServer _server = null!;
    private OrchestratorCore _core = null!;
    private HttpClient _http = null!;
    private GrpcChannel _channel = null!;

    /// <summary>Echoes each profile's width after the test opens the gate (or fails when told to).</summary>
    private sealed class GatedTranscoder : IOrchestratorTranscoder
    {
        public TaskCompletionSource Gate { get; set; } = Opened();
        public string? Fail { get; set; }
        public SegmentJob? LastJob { get; private set; }
        public static TaskCompletionSource Opened() { var t = new TaskCompletionSource(); t.SetResult(); return t; }

        public async Task<IReadOnlyList<TranscodedRendition>> TranscodeAsync(SegmentJob job, CancellationToken ct)
        {
            LastJob = job;
            await Gate.Task.WaitAsync(ct);
            if (Fail is { } message) throw new InvalidOperationException(message);
            return job.Profiles.Select(p => new TranscodedRendition(p.Name, [.. job.Data, (byte)p.Width], (long)p.Width * p.Height * 60, "video/mp2t")
                { PerceptualHash = job.CalcPerceptualHash ? [(byte)p.Height, 1, 2, 3] : null }).ToList();
        }
    }

    public async Task InitializeAsync()
    {
        _chain.Fund(_broadcasterKey.Address, UInt256.Parse("1000000000000000000"));
        var payments = new PaymentOptions();
        var issuer = new TicketParamsIssuer(_orchestratorKey.Address, new byte[32], payments);
        var core = _core = new OrchestratorCore(_orchestratorKey, _options, issuer, new PaymentReceiver(issuer, _chain, new ListQueue(), payments), _chain,
            new AuthTokenIssuer(Enumerable.Range(1, 16).Select(i => (byte)i).ToArray(), TimeProvider.System), _transcoder, TimeProvider.System);
        var cert = SelfSignedCertificate.LoadOrCreate(Path.Combine(_dir, "tls.pfx"), TimeProvider.System);
        _server = await OrchestratorServer.StartAsync(core, _orchestratorKey, new IPEndPoint(IPAddress.Loopback, 0), cert, _options.MaxSegmentBytes);
        _options.ServiceUri = _server.Address;
        _http = new HttpClient(Handler()) { BaseAddress = _server.Address };
        _channel = GrpcChannel.ForAddress(_server.Address, new GrpcChannelOptions { HttpHandler = Handler() });
    }

    internal static SocketsHttpHandler Handler() => new() { SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true } };

    public async Task DisposeAsync()
    {
        _transcoder.Gate.TrySetResult();
        _channel.Dispose();
        _http.Dispose();
        await _server.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    private static readonly ulong[] H264Job = GoRules.Bits(GoRules.AuthToken, GoRules.H264, GoRules.MpegTs);

    private Task<Proto.OrchestratorInfo> DiscoverAsync(PrivateKey? key = null) =>
        new Proto.Orchestrator.OrchestratorClient(_channel).GetOrchestratorAsync(new Proto.OrchestratorRequest
        {
            Address = ByteString.CopyFrom((key ?? _broadcasterKey).Address.Bytes),
            Sig = ByteString.CopyFrom(GoRules.Sign(key ?? _broadcasterKey, GoRules.InfoSigMessage((key ?? _broadcasterKey).Address))),
            Capabilities = new Proto.Capabilities { Bitstring = { H264Job } },
        }).ResponseAsync;

    private HttpRequestMessage Segment(Proto.SegData seg, Proto.Payment? payment, byte[] body, string? paymentHeader = null, string contentType = "video/MP2T")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/segment") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        request.Headers.Add("Livepeer-Segment", Convert.ToBase64String(seg.ToByteArray()));
        request.Headers.TryAddWithoutValidation("Livepeer-Payment", paymentHeader ?? Convert.ToBase64String(payment!.ToByteArray()));
        return request;
    }

    private static byte[] Body(int seed) => Enumerable.Range(0, 4000).Select(i => (byte)(i * seed)).ToArray();

    [Fact]
    public async Task DiscoveryTakesGoSignatureAndAnswersWithGoCapabilities()
    {
        var info = await DiscoverAsync();
        Assert.Equal(_orchestratorKey.Address, new Address(info.Address.Span));
        var caps = info.Capabilities;
        Assert.NotNull(caps);
        Assert.Equal(GoRules.Bits(GoRules.AuthToken), caps.Mandatories.ToArray()); // go's MandatoryOCapabilities
        Assert.True(GoRules.Within(H264Job, caps.Bitstring), "a go H.264 job fits");
        Assert.True(GoRules.Within(GoRules.Bits(GoRules.Vp9Encode, GoRules.HevcEncode, GoRules.Mp4, GoRules.Gop, GoRules.High), caps.Bitstring));
        Assert.NotEmpty(caps.Version);
        Assert.Equal((uint)_options.MaxSessions, caps.Capacities[GoRules.H264]);
        // go puts the creation round inside OrchestratorInfo.ticket_params and writes the seed minimal big-endian.
        Assert.NotNull(info.TicketParams.ExpirationParams);
        Assert.True(info.TicketParams.Seed.Length is > 0 and <= 32 && info.TicketParams.Seed[0] != 0);

        // A signature over the raw address bytes by someone else is still refused (go's message: "orchestrator req sig check failed").
        var forged = await Assert.ThrowsAsync<RpcException>(() => new Proto.Orchestrator.OrchestratorClient(_channel).GetOrchestratorAsync(new Proto.OrchestratorRequest
        {
            Address = ByteString.CopyFrom(_broadcasterKey.Address.Bytes),
            Sig = ByteString.CopyFrom(GoRules.Sign(_orchestratorKey, GoRules.InfoSigMessage(_broadcasterKey.Address))),
        }).ResponseAsync);
        Assert.Contains("orchestrator req sig check failed", forged.Status.Detail);
    }

    [Fact]
    public async Task PingAndEndTranscodingSessionFollowGo()
    {
        var client = new Proto.Orchestrator.OrchestratorClient(_channel);
        // go's broadcaster pings with keccak256(its signature of a timestamp) and checks VerifySig(orchestrator, ping, pong).
        var ping = Keccak256.Hash(GoRules.Sign(_broadcasterKey, System.Text.Encoding.ASCII.GetBytes("1700000000"))).ToArray();
        var pong = await client.PingAsync(new Proto.PingPong { Value = ByteString.CopyFrom(ping) });
        Assert.True(GoRules.Verify(_orchestratorKey.Address, ping, pong.Value));
        var info = await DiscoverAsync();
        Assert.Equal(SessionAdmission.Admitted, _core.Sessions.TryOpen(info.AuthToken.SessionId, _broadcasterKey.Address, paid: true));
        var open = _core.Sessions.Count;
        // A forged token ends nothing; the session's own token frees its slot.
        Assert.NotNull(await client.EndTranscodingSessionAsync(new Proto.EndTranscodingSessionRequest { AuthToken = new Proto.AuthToken(info.AuthToken) { Token = ByteString.CopyFrom(new byte[32]) } }));
        Assert.Equal(open, _core.Sessions.Count);
        Assert.NotNull(await client.EndTranscodingSessionAsync(new Proto.EndTranscodingSessionRequest { AuthToken = info.AuthToken }));
        Assert.Equal(open - 1, _core.Sessions.Count);
    }

    [Fact]
    public async Task GoSegmentIsAcceptedWithTwoHundredBeforeTranscodingAndGoSignatureVerifies()
    {
        var info = await DiscoverAsync();
        var body = Body(3);
        var seg = GoRules.SegData(_broadcasterKey, info, "gostream", 1, body, GoRules.DefaultLadder, H264Job);
        var ev = GoRules.Ev(info.TicketParams);
        var fee = GoRules.DefaultLadder.Sum(p => (double)p.Width * p.Height * 60) * 1.02 * 1200;
        var tickets = (int)Math.Ceiling(Math.Max(fee, ev) / ev);
        _transcoder.Gate = new TaskCompletionSource();
        using var request = Segment(seg, GoRules.Payment(_broadcasterKey, info, tickets), body);
        // go's broadcaster cancels when headers take longer than max(2 s, half the duration): they must come before the transcode ends.
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(_transcoder.Gate.Task.IsCompleted, "the 200 came before transcoding finished");
        _transcoder.Gate.SetResult();
        var result = Proto.TranscodeResult.Parser.ParseFrom(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(1, result.Seq);
        Assert.Equal(2, result.Data.Segments.Count);
        // go put the default ladder in fullProfiles (33): the orchestrator transcoded it.
        Assert.Equal(GoRules.DefaultLadder.Select(p => p.Name), _transcoder.LastJob!.Profiles.Select(p => p.Name));
        var renditions = new List<byte[]>();
        foreach (var s in result.Data.Segments) renditions.Add(await _http.GetByteArrayAsync(s.Url));
        Assert.True(GoRules.Verify(_orchestratorKey.Address, GoRules.ResultMessage(renditions), result.Data.Sig), "go's sigVerification accepts the result");
        // The project's claim rides in a field go-livepeer does not know (1001), which its parser skips.
        Assert.Equal(65, result.Data.ClaimSig.Length);
        var goShaped = new Proto.TranscodeData { Segments = { result.Data.Segments }, Sig = result.Data.Sig };
        Assert.Equal(goShaped.ToByteArray(), result.Data.ToByteArray()[..goShaped.CalculateSize()]);
    }

    [Fact]
    public async Task CalcPerceptualHashGetsAPerceptualHashUrlPerRendition()
    {
        var info = await DiscoverAsync();
        var body = Body(4);
        var seg = GoRules.SegData(_broadcasterKey, info, "phash", 1, body, GoRules.DefaultLadder, H264Job);
        seg.CalcPerceptualHash = true; // go's broadcaster sets it when the stream's verification frequency is > 0
        using var response = await _http.SendAsync(Segment(seg, GoRules.Payment(_broadcasterKey, info, 3), body));
        var result = Proto.TranscodeResult.Parser.ParseFrom(await response.Content.ReadAsByteArrayAsync());
        for (var i = 0; i < 2; i++)
            Assert.Equal([(byte)GoRules.DefaultLadder[i].Height, 1, 2, 3], await _http.GetByteArrayAsync(result.Data.Segments[i].PerceptualHashUrl));
        // Without the flag nothing is computed or announced.
        seg.CalcPerceptualHash = false;
        seg.Seq = 2;
        seg.Sig = ByteString.CopyFrom(GoRules.Sign(_broadcasterKey, GoRules.Flatten("phash", 2, seg.Hash.ToByteArray(), GoRules.DefaultLadder.Select(p => p.Name))));
        using var plain = await _http.SendAsync(Segment(seg, GoRules.Payment(_broadcasterKey, info, 3, 10), body));
        Assert.All(Proto.TranscodeResult.Parser.ParseFrom(await plain.Content.ReadAsByteArrayAsync()).Data.Segments, s => Assert.Empty(s.PerceptualHashUrl));
    }

    [Fact]
    public async Task AnUnnamedProfileIsNamedAsGoNamesItBeforeTheSignatureIsChecked()
    {
        var info = await DiscoverAsync();
        var body = Body(6);
        Proto.VideoProfile[] unnamed = [new() { Width = 426, Height = 240, Bitrate = 600_000, Fps = 30 }];
        var seg = GoRules.SegData(_broadcasterKey, info, "unnamed", 1, body, unnamed, H264Job);
        // go's orchestrator names it net_<W>x<H>_<bitrate> and checks the signature over that name.
        seg.Sig = ByteString.CopyFrom(GoRules.Sign(_broadcasterKey, GoRules.Flatten("unnamed", 1, seg.Hash.ToByteArray(), ["net_426x240_600000"])));
        using var response = await _http.SendAsync(Segment(seg, GoRules.Payment(_broadcasterKey, info, 3), body));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("net_426x240_600000", _transcoder.LastJob!.Profiles.Single().Name);
        // Signed over the empty name it is refused, as go refuses it.
        seg.Seq = 2;
        seg.Sig = ByteString.CopyFrom(GoRules.Sign(_broadcasterKey, GoRules.Flatten("unnamed", 2, seg.Hash.ToByteArray(), [""])));
        using var refused = await _http.SendAsync(Segment(seg, GoRules.Payment(_broadcasterKey, info, 3, 10), body));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    [Fact]
    public async Task TranscodeErrorsComeInTheBodyOfATwoHundred()
    {
        var info = await DiscoverAsync();
        _transcoder.Fail = "encoder exploded";
        var body = Body(5);
        using var response = await _http.SendAsync(Segment(GoRules.SegData(_broadcasterKey, info, "gostream", 2, body, GoRules.DefaultLadder, H264Job),
            GoRules.Payment(_broadcasterKey, info, 3), body));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = Proto.TranscodeResult.Parser.ParseFrom(await response.Content.ReadAsByteArrayAsync());
        Assert.Contains("encoder exploded", result.Error);
    }

    public static TheoryData<string, int, string> Refusals() => new()
    {
        { "payment header not base64", 402, "" },
        { "no capabilities (go's nil caps)", 403, "incompatible capabilities" },
        { "job needs a capability the orchestrator lacks", 403, "incompatible capabilities" },
        { "forged auth token", 403, "invalid auth token" },
        { "segment signed by another key", 403, "ErrSegSig" },
        { "ticket signed by another key", 400, "invalid ticket signature" },
        { "credit below one ticket EV", 400, "Insufficient balance" },
        { "expired ticket params", 400, "TicketParams expired" },
        { "body does not match hash", 403, "Forbidden" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task RefusalsUseGoStatusCodesAndTexts(string what, int status, string text)
    {
        var info = await DiscoverAsync();
        var body = Body(7);
        var job = what == "no capabilities (go's nil caps)" ? [] : what.StartsWith("job needs", StringComparison.Ordinal) ? GoRules.Bits(GoRules.AuthToken, 33) : H264Job;
        var seg = GoRules.SegData(what == "segment signed by another key" ? _orchestratorKey : _broadcasterKey, info, "gostream", 3, body, GoRules.DefaultLadder, job);
        if (what == "forged auth token") seg.AuthToken = new Proto.AuthToken(seg.AuthToken) { SessionId = "other" };
        var payment = GoRules.Payment(what == "ticket signed by another key" ? _orchestratorKey : _broadcasterKey, info, what == "credit below one ticket EV" ? 0 : 3);
        if (what == "ticket signed by another key") payment.Sender = ByteString.CopyFrom(_broadcasterKey.Address.Bytes);
        if (what == "expired ticket params") _chain.BlockNumber += 1000;
        using var response = await _http.SendAsync(Segment(seg, payment, what == "body does not match hash" ? Body(8) : body,
            paymentHeader: what == "payment header not base64" ? "%%%" : null));
        Assert.Equal(status, (int)response.StatusCode);
        Assert.StartsWith(text, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ASegmentHeaderThatIsNotProtobufIsForbidden()
    {
        var info = await DiscoverAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/segment") { Content = new ByteArrayContent([1]) };
        request.Headers.Add("Livepeer-Segment", "AAAA////");
        request.Headers.Add("Livepeer-Payment", Convert.ToBase64String(GoRules.Payment(_broadcasterKey, info, 1).ToByteArray()));
        using var response = await _http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task AFullOrchestratorAnswersOrchestratorCapped()
    {
        var first = await DiscoverAsync();
        var second = await DiscoverAsync();
        var third = await DiscoverAsync();
        foreach (var (info, seq) in new[] { (first, 10L), (second, 11L) })
        {
            var b = Body((int)seq);
            using var ok = await _http.SendAsync(Segment(GoRules.SegData(_broadcasterKey, info, "s" + seq, seq, b, GoRules.DefaultLadder, H264Job), GoRules.Payment(_broadcasterKey, info, 3, (uint)seq * 10), b));
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }
        var body = Body(12);
        using var full = await _http.SendAsync(Segment(GoRules.SegData(_broadcasterKey, third, "s12", 12, body, GoRules.DefaultLadder, H264Job), GoRules.Payment(_broadcasterKey, third, 3, 500), body));
        Assert.Equal(HttpStatusCode.Forbidden, full.StatusCode);
        Assert.StartsWith("OrchestratorCapped", await full.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ZeroTicketPaymentsWorkWhileCreditCoversOneTicketEv()
    {
        var info = await DiscoverAsync();
        var body = Body(9);
        using (var paid = await _http.SendAsync(Segment(GoRules.SegData(_broadcasterKey, info, "credit", 1, body, GoRules.DefaultLadder, H264Job), GoRules.Payment(_broadcasterKey, info, 40), body)))
            Assert.Equal(HttpStatusCode.OK, paid.StatusCode);
        // go sends Payment{sender, expected_price} without ticket_params when its credit suffices.
        var noTickets = new Proto.Payment { Sender = ByteString.CopyFrom(_broadcasterKey.Address.Bytes), ExpectedPrice = info.PriceInfo };
        using var again = await _http.SendAsync(Segment(GoRules.SegData(_broadcasterKey, info, "credit", 2, body, GoRules.DefaultLadder, H264Job), noTickets, body));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
    }

    [Fact]
    public async Task ExpectedPriceIsRequiredWithTicketsAndTheFirstPaymentFixesTheSessionPrice()
    {
        var info = await DiscoverAsync(); // session B
        var body = Body(15);
        var seg = GoRules.SegData(_broadcasterKey, info, "price", 1, body, GoRules.DefaultLadder, H264Job);
        async Task<HttpResponseMessage> Pay(Proto.OrchestratorInfo i, Proto.PriceInfo? price, Proto.SegData sd)
        {
            var payment = GoRules.Payment(_broadcasterKey, i, 3);
            payment.ExpectedPrice = price;
            return await _http.SendAsync(Segment(sd, payment, body));
        }
        // go: "invalid expected price sent with payment" (400) when a payment with tickets names no price, or an unusable one.
        foreach (var bad in new Proto.PriceInfo?[] { null, new() { PricePerUnit = 1200, PixelsPerUnit = 0 }, new() { PricePerUnit = 600, PixelsPerUnit = 1 } })
        {
            using var refused = await Pay(info, bad, seg);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.StartsWith("invalid expected price sent with payment", await refused.Content.ReadAsStringAsync());
        }
        Assert.Null(_core.SessionPrice(info.AuthToken.SessionId));

        // A broadcaster that agreed to pay twice the price pays it for the whole session; another session pays the quote.
        using (var dear = await Pay(info, new Proto.PriceInfo { PricePerUnit = 2400, PixelsPerUnit = 1 }, seg)) Assert.Equal(HttpStatusCode.OK, dear.StatusCode);
        var quoted = await DiscoverAsync(); // session A
        using (var cheap = await Pay(quoted, quoted.PriceInfo, GoRules.SegData(_broadcasterKey, quoted, "price2", 1, body, GoRules.DefaultLadder, H264Job)))
            Assert.Equal(HttpStatusCode.OK, cheap.StatusCode);
        Assert.Equal(2400, _core.SessionPrice(info.AuthToken.SessionId)!.PricePerUnit);
        Assert.Equal(1200, _core.SessionPrice(quoted.AuthToken.SessionId)!.PricePerUnit);
        // Same tickets, same output pixels: the balances differ by exactly one fee at the quoted price.
        var pixels = GoRules.DefaultLadder.Sum(p => (long)p.Width * p.Height * 60);
        Assert.Equal(pixels * 1200 * Attowei.PerWei, _core.Payments.Balance(quoted.AuthToken.SessionId) - _core.Payments.Balance(info.AuthToken.SessionId));

        // The fixed price stays for the session (a later payment naming the quote does not lower it) and ends with it.
        var seg2 = GoRules.SegData(_broadcasterKey, info, "price", 2, body, GoRules.DefaultLadder, H264Job);
        var later = GoRules.Payment(_broadcasterKey, info, 3, 10);
        using (var again = await _http.SendAsync(Segment(seg2, later, body))) Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(2400, _core.SessionPrice(info.AuthToken.SessionId)!.PricePerUnit);
        _core.EndSession(info.AuthToken);
        Assert.Null(_core.SessionPrice(info.AuthToken.SessionId));
    }

    [Fact]
    public async Task ASegmentSentByUrlIsDownloadedAndChecked()
    {
        var info = await DiscoverAsync();
        var body = Body(11);
        await using var store = await TinyFileServer.StartAsync(body);
        using var response = await _http.SendAsync(Segment(GoRules.SegData(_broadcasterKey, info, "byurl", 1, body, GoRules.DefaultLadder, H264Job),
            GoRules.Payment(_broadcasterKey, info, 3), System.Text.Encoding.UTF8.GetBytes(store.Url), contentType: "application/vnd+livepeer.uri"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(body, _transcoder.LastJob!.Data);
        Assert.Equal(1, store.Requests);

        // Nothing is downloaded for a request whose credentials fail: the orchestrator fetches URLs only for paying senders.
        var forged = GoRules.SegData(_broadcasterKey, info, "byurl", 2, body, GoRules.DefaultLadder, H264Job);
        forged.AuthToken = new Proto.AuthToken(forged.AuthToken) { SessionId = "someone-else" };
        using var refused = await _http.SendAsync(Segment(forged, GoRules.Payment(_broadcasterKey, info, 3, 50), System.Text.Encoding.UTF8.GetBytes(store.Url),
            contentType: "application/vnd+livepeer.uri"));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(1, store.Requests);
    }

    [Fact]
    public async Task AnOffChainOrchestratorTakesGoOffChainBroadcastersEmptyPaymentAndSignatures()
    {
        _options.OffChain = true;
        var info = await new Proto.Orchestrator.OrchestratorClient(_channel).GetOrchestratorAsync(new Proto.OrchestratorRequest
        {
            Capabilities = new Proto.Capabilities { Bitstring = { H264Job } }, // off chain go sends no address and no signature
        }).ResponseAsync;
        Assert.Null(info.TicketParams);
        var body = Body(13);
        using var response = await _http.SendAsync(Segment(GoRules.SegData(null, info, "offchain", 1, body, GoRules.DefaultLadder, H264Job), null, body, paymentHeader: ""));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, Proto.TranscodeResult.Parser.ParseFrom(await response.Content.ReadAsByteArrayAsync()).Data.Segments.Count);
    }
}

/// <summary>calc_perceptual_hash with the real ffmpeg: each rendition of one small segment gets an MPEG-7 signature.</summary>
public sealed class PerceptualHashFfmpegTests
{
    [Fact]
    public async Task TheLocalTranscoderComputesMpeg7SignaturesWhenAsked()
    {
        var dir = Directory.CreateTempSubdirectory("phash-").FullName;
        try
        {
            var input = Path.Combine(dir, "seg.ts");
            using (var ffmpeg = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("ffmpeg",
                ["-v", "error", "-f", "lavfi", "-i", "testsrc2=size=320x180:rate=30", "-t", "1", "-c:v", "libx264", "-g", "30", "-preset", "ultrafast", "-f", "mpegts", input]))!)
            {
                await ffmpeg.WaitForExitAsync();
                Assert.Equal(0, ffmpeg.ExitCode);
            }
            var ladder = new[] { new Proto.VideoProfile { Name = "tiny", Width = 160, Height = 90, Bitrate = 100_000, Fps = 15, FpsDen = 1 } };
            var job = new SegmentJob("s", 1, await File.ReadAllBytesAsync(input), TimeSpan.FromSeconds(1), ladder) { CalcPerceptualHash = true };
            var rendition = Assert.Single(await Livepeer.Node.Transcoding.LocalSegmentTranscoder.Ffmpeg().TranscodeAsync(job, CancellationToken.None));
            Assert.NotNull(rendition.PerceptualHash);
            Assert.NotEmpty(rendition.PerceptualHash);
        }
        finally { Directory.Delete(dir, recursive: true); }
    }
}
