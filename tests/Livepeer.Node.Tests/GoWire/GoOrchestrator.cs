using System.Collections.Concurrent;
using System.Net;
using System.Numerics;
using System.Security.Cryptography;
using Google.Protobuf;
using Grpc.Core;
using Livepeer.Core;
using Livepeer.Core.Crypto;
using Livepeer.Node.Orchestrator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Proto = Livepeer.Wire.Messages;

namespace Livepeer.Node.Tests.GoWire;

/// <summary>
/// An orchestrator that follows go-livepeer's rules from the wire document (over real TLS, gRPC + HTTP on one port): the
/// discovery signature over the checksummed address text, capabilities with mandatories, ticket parameters with a
/// minimal seed, go's check order and status codes, balance ≥ one ticket EV, the 200 before "transcoding", go's result
/// signature only, and the remote transcoder side (Authorization required, default ladders in fullProfiles).
/// </summary>
internal sealed class GoOrchestrator : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, double> _balances = new();
    private readonly ConcurrentDictionary<string, byte[]> _renditions = new();
    private readonly ConcurrentDictionary<(string, uint), bool> _nonces = new();
    private readonly byte[] _secret = RandomNumberGenerator.GetBytes(32);

    public PrivateKey Key { get; }
    public Uri Address { get; private set; } = null!;
    /// <summary>go's capabilities for this node (defaults: no VP9, no AV1).</summary>
    public int[] Capabilities { get; init; } = GoRules.Defaults;
    /// <summary>Seed bytes for ticket parameters (go writes big.Int.Bytes(), 31 bytes 1 time in 256).</summary>
    public Func<byte[]> Seed { get; init; } = () => RandomNumberGenerator.GetBytes(32);
    /// <summary>Off chain: no ticket parameters, no payment checks.</summary>
    public bool OffChain { get; init; }
    /// <summary>How many segments to refuse with 400 "TicketParams expired" before accepting.</summary>
    public int ExpireFirst { get; set; }
    public long PricePerUnit { get; set; } = 1200;
    /// <summary>go's fixed price per session: the expected_price of the session's first payment with tickets.</summary>
    public ConcurrentDictionary<string, long> SessionPrices { get; } = new();
    public const double TicketEv = 1e12;
    public const double FaceValue = 1e15;

    /// <summary>What the broadcaster sent, per segment: the decoded SegData, the Payment (null when the header was empty).</summary>
    public ConcurrentQueue<(Proto.SegData Seg, Proto.Payment? Payment, string PaymentHeader)> Received { get; } = new();
    public ConcurrentQueue<(int Status, string Text)> Refused { get; } = new();
    /// <summary>Sessions a broadcaster ended with EndTranscodingSession (valid tokens only).</summary>
    public ConcurrentQueue<string> EndedSessions { get; } = new();
    public int Discoveries;

    private GoOrchestrator(PrivateKey key, WebApplication app) => (Key, _app) = (key, app);

    public static async Task<GoOrchestrator> StartAsync(PrivateKey key, string dir, Func<PrivateKey, WebApplication, GoOrchestrator>? make = null,
        int[]? capabilities = null, Func<byte[]>? seed = null, bool offChain = false)
    {
        var builder = WebApplication.CreateSlimBuilder();
        var cert = SelfSignedCertificate.LoadOrCreate(Path.Combine(dir, $"go-{key.Address}.pfx"), TimeProvider.System);
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, l => { l.Protocols = HttpProtocols.Http1AndHttp2; l.UseHttps(cert); }));
        builder.Logging.ClearProviders();
        builder.Services.AddGrpc();
        GoOrchestrator? self = null;
        builder.Services.AddSingleton(_ => self!);
        var app = builder.Build();
        self = new GoOrchestrator(key, app) { Capabilities = capabilities ?? GoRules.Defaults, Seed = seed ?? (() => RandomNumberGenerator.GetBytes(32)), OffChain = offChain };
        app.MapGrpcService<GoOrchestratorService>();
        app.MapPost("/segment", self.SegmentAsync);
        app.MapGet("/stream/{name}", (string name) => self._renditions.TryGetValue(name, out var b) ? Results.Bytes(b, "video/MP2T") : Results.NotFound());
        await app.StartAsync();
        self.Address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return self;
    }

    public Proto.OrchestratorInfo Info(Address broadcaster, Proto.AuthToken? token = null)
    {
        var info = new Proto.OrchestratorInfo
        {
            Transcoder = Address.ToString().TrimEnd('/'), Address = ByteString.CopyFrom(Key.Address.Bytes),
            PriceInfo = new Proto.PriceInfo { PricePerUnit = PricePerUnit, PixelsPerUnit = 1 },
            Capabilities = new Proto.Capabilities { Bitstring = { GoRules.Bits(Capabilities) }, Mandatories = { GoRules.Bits(GoRules.AuthToken) }, Version = "0.8.9" },
            AuthToken = token ?? Token(Guid.NewGuid().ToString("N")),
        };
        foreach (var c in Capabilities) info.Capabilities.Capacities[(uint)c] = 1;
        if (OffChain) return info;
        var seed = Seed();
        var winProb = BigInteger.Parse("1000") * (((BigInteger.One << 256) - 1) / 1_000_000); // EV = faceValue / 1000
        info.TicketParams = new Proto.TicketParams
        {
            Recipient = ByteString.CopyFrom(Key.Address.Bytes), FaceValue = ByteString.CopyFrom(GoRules.Minimal(new BigInteger(FaceValue))),
            WinProb = ByteString.CopyFrom(GoRules.Minimal(winProb)), Seed = ByteString.CopyFrom(seed),
            RecipientRandHash = ByteString.CopyFrom(RecipientRandHash(seed, info.PriceInfo)),
            ExpirationBlock = ByteString.CopyFrom(GoRules.Minimal(1_000_000)),
            ExpirationParams = new Proto.TicketExpirationParams { CreationRound = 7, CreationRoundBlockHash = ByteString.CopyFrom(new byte[32].Select((_, i) => (byte)(i + 1)).ToArray()) },
        };
        return info;
    }

    /// <summary>go binds the quoted price into recipientRand: HMAC(secret, seed | … | price.Num | price.Denom | …).</summary>
    private byte[] RecipientRandHash(byte[] seed, Proto.PriceInfo price) =>
        Keccak256.Hash(HMACSHA256.HashData(_secret, (byte[])[.. seed, .. GoRules.Minimal(price.PricePerUnit), .. GoRules.Minimal(price.PixelsPerUnit)])).ToArray();

    private Proto.AuthToken Token(string session, long? at = null)
    {
        var expiration = at ?? DateTimeOffset.UtcNow.AddMinutes(30).ToUnixTimeSeconds();
        return new Proto.AuthToken { SessionId = session, Expiration = expiration, Token = ByteString.CopyFrom(HMACSHA256.HashData(_secret, (byte[])[.. System.Text.Encoding.UTF8.GetBytes(session), .. GoRules.Minimal(expiration)])) };
    }

    private async Task SegmentAsync(HttpContext context)
    {
        var paymentHeader = context.Request.Headers["Livepeer-Payment"].ToString();
        Proto.Payment payment;
        try { payment = Proto.Payment.Parser.ParseFrom(Convert.FromBase64String(paymentHeader)); }
        catch (Exception e) when (e is FormatException or InvalidProtocolBufferException) { await Refuse(context, 402, "base64 decode error"); return; }
        Proto.SegData seg;
        try { seg = Proto.SegData.Parser.ParseFrom(Convert.FromBase64String(context.Request.Headers["Livepeer-Segment"].ToString())); }
        catch (Exception e) when (e is FormatException or InvalidProtocolBufferException) { await Refuse(context, 403, "ErrorSegEncoding"); return; }
        Received.Enqueue((seg, paymentHeader.Length == 0 ? null : payment, paymentHeader));
        var sender = payment.Sender.Length == 20 ? new Address(payment.Sender.Span) : Livepeer.Core.Address.Zero;
        var profiles = seg.FullProfiles3.Count > 0 ? seg.FullProfiles3 : seg.FullProfiles2.Count > 0 ? seg.FullProfiles2 : seg.FullProfiles;
        if (!OffChain && !GoRules.Verify(sender, GoRules.Flatten(seg.ManifestId.ToStringUtf8(), seg.Seq, seg.Hash.ToByteArray(), profiles.Select(p => p.Name)), seg.Sig))
        { await Refuse(context, 403, "ErrSegSig"); return; }
        var job = seg.Capabilities?.Bitstring.ToArray() ?? [];
        if (!GoRules.Within(GoRules.Bits(GoRules.AuthToken), job) || !GoRules.Within(job, GoRules.Bits(Capabilities)))
        { await Refuse(context, 403, "incompatible capabilities"); return; }
        if (seg.AuthToken is null || !HMACSHA256.HashData(_secret, (byte[])[.. System.Text.Encoding.UTF8.GetBytes(seg.AuthToken.SessionId), .. GoRules.Minimal(seg.AuthToken.Expiration)]).AsSpan().SequenceEqual(seg.AuthToken.Token.Span))
        { await Refuse(context, 403, "invalid auth token"); return; }
        var session = seg.AuthToken.SessionId;
        if (!OffChain)
        {
            if (payment.TicketParams is not null)
            {
                // go's ProcessPayment: the expected price must be there; it is checked through recipientRand and fixes the session's price.
                var price = payment.ExpectedPrice;
                if (price is null || price.PixelsPerUnit <= 0) { await Refuse(context, 400, "invalid expected price sent with payment err=\"expected price is nil\""); return; }
                if (!RecipientRandHash(payment.TicketParams.Seed.ToByteArray(), price).AsSpan().SequenceEqual(payment.TicketParams.RecipientRandHash.Span))
                { await Refuse(context, 400, "invalid recipientRand for recipientRandHash"); return; }
                SessionPrices.TryAdd(session, price.PricePerUnit / price.PixelsPerUnit);
            }
            if (payment.TicketSenderParams.Count > 0)
            {
                if (ExpireFirst > 0) { ExpireFirst--; await Refuse(context, 400, "TicketParams expired"); return; }
                if (payment.ExpirationParams is null || payment.TicketParams is null) { await Refuse(context, 400, "missing expiration params"); return; }
                var offered = payment.TicketParams.Clone();
                foreach (var t in payment.TicketSenderParams)
                {
                    var hash = GoRules.TicketHash(offered, sender, t.SenderNonce, payment.ExpirationParams);
                    if (!GoRules.VerifyTicket(sender, hash, t.Sig)) { await Refuse(context, 400, "invalid ticket signature"); return; }
                    if (!_nonces.TryAdd((offered.RecipientRandHash.ToBase64(), t.SenderNonce), true)) { await Refuse(context, 400, "invalid ticket sendernonce"); return; }
                    _balances.AddOrUpdate(session, TicketEv, (_, b) => b + TicketEv);
                }
            }
            if (payment.ExpectedPrice?.PricePerUnit > 0 && _balances.GetValueOrDefault(session) < TicketEv)
            { await Refuse(context, 400, "Insufficient balance"); return; }
        }
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer);
        var body = buffer.ToArray();
        if (!Keccak256.Hash(body).ToArray().AsSpan().SequenceEqual(seg.Hash.Span)) { await Refuse(context, 403, "Forbidden"); return; }
        context.Response.StatusCode = 200;
        await context.Response.StartAsync();
        await context.Response.Body.FlushAsync();
        var data = new Proto.TranscodeData();
        var outputs = new List<byte[]>();
        long pixels = 0;
        foreach (var p in profiles)
        {
            byte[] rendition = [.. body, (byte)p.Width];
            var name = $"{session}-{seg.Seq}-{p.Name}";
            _renditions[name] = rendition;
            outputs.Add(rendition);
            var px = (long)p.Width * p.Height * 60;
            pixels += px;
            data.Segments.Add(new Proto.TranscodedSegmentData { Url = $"{Address.ToString().TrimEnd('/')}/stream/{name}", Pixels = px });
        }
        var charged = SessionPrices.TryGetValue(session, out var fixedPrice) ? fixedPrice : PricePerUnit;
        _balances.AddOrUpdate(session, -pixels * (double)charged, (_, b) => b - pixels * (double)charged);
        data.Sig = ByteString.CopyFrom(GoRules.Sign(Key, GoRules.ResultMessage(outputs)));
        var result = new Proto.TranscodeResult { Seq = seg.Seq, Data = data, Info = Info(sender, seg.AuthToken) };
        if (SessionPrices.TryGetValue(session, out var sessionPrice)) // go quotes a session its fixed price (and binds its tickets to it)
        {
            result.Info.PriceInfo = new Proto.PriceInfo { PricePerUnit = sessionPrice, PixelsPerUnit = 1 };
            if (result.Info.TicketParams is { } tp) tp.RecipientRandHash = ByteString.CopyFrom(RecipientRandHash(tp.Seed.ToByteArray(), result.Info.PriceInfo));
        }
        await context.Response.Body.WriteAsync(result.ToByteArray());
    }

    private async Task Refuse(HttpContext context, int status, string text)
    {
        Refused.Enqueue((status, text));
        context.Response.StatusCode = status;
        await context.Response.WriteAsync(text);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    /// <summary>go's Orchestrator gRPC service: GetOrchestrator checks VerifySig(addr, addr.Hex(), sig) unless off chain.</summary>
    private sealed class GoOrchestratorService(GoOrchestrator o) : Proto.Orchestrator.OrchestratorBase
    {
        public override Task<Proto.OrchestratorInfo> GetOrchestrator(Proto.OrchestratorRequest request, ServerCallContext context)
        {
            Interlocked.Increment(ref o.Discoveries);
            var address = request.Address.Length == 20 ? new Address(request.Address.Span) : Livepeer.Core.Address.Zero;
            if (!o.OffChain && !GoRules.Verify(address, GoRules.InfoSigMessage(address), request.Sig))
                throw new RpcException(new Status(StatusCode.Unknown, "Invalid orchestrator request: orchestrator req sig check failed"));
            return Task.FromResult(o.Info(address));
        }

        /// <summary>go's EndTranscodingSession: ends the session named by a token it issued; answers {} either way.</summary>
        public override Task<Proto.EndTranscodingSessionResponse> EndTranscodingSession(Proto.EndTranscodingSessionRequest request, ServerCallContext context)
        {
            if (request.AuthToken is { } t && o.Token(t.SessionId, t.Expiration).Token.Equals(t.Token)) o.EndedSessions.Enqueue(t.SessionId);
            return Task.FromResult(new Proto.EndTranscodingSessionResponse());
        }
    }
}
