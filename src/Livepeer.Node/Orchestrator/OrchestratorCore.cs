using Google.Protobuf;
using Livepeer.Core;
using Livepeer.Core.Crypto;
using Livepeer.Node.Orchestrator.Misbehaviour;
using Livepeer.Node.Orchestrator.Results;
using Livepeer.Node.Payments;
using Livepeer.Protocol.Slashing;
using Livepeer.Wire.Auth;
using Livepeer.Wire.Segments;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Prometheus;
using Proto = Livepeer.Wire.Messages;

namespace Livepeer.Node.Orchestrator;

/// <summary>
/// The orchestrator's work, independent of transport: answering GetOrchestrator with ticket parameters, price and an
/// auth token, and handling a segment — auth token, segment hash (403 on mismatch), broadcaster signature, payment,
/// capacity, transcode, fee, signed result with rendition URLs. The signature covers the source segment's hash too
/// (<see cref="SegmentClaim"/>), and a segment sent again gets the result already signed for it, never a second one.
/// </summary>
public sealed class OrchestratorCore
{
    private readonly PrivateKey _key;
    private readonly OrchestratorOptions _options;
    private readonly TicketParamsIssuer _issuer;
    private readonly PaymentReceiver _receiver;
    private readonly ITicketChainState _chain;
    private readonly AuthTokenIssuer _auth;
    private readonly ISegmentTranscoder _transcoder;
    private readonly ILogger _logger;
    private long _segments, _failures;

    /// <summary>Creates the core; <paramref name="key"/> is the orchestrator's Ethereum key (its identity and ticket recipient).</summary>
    public OrchestratorCore(PrivateKey key, OrchestratorOptions options, TicketParamsIssuer issuer, PaymentReceiver receiver, ITicketChainState chain,
        AuthTokenIssuer auth, ISegmentTranscoder transcoder, TimeProvider time, ILogger<OrchestratorCore>? logger = null)
    {
        options.Validate();
        (_key, _options, _issuer, _receiver, _chain, _auth) = (key, options, issuer, receiver, chain, auth);
        _transcoder = options.Misbehaviour is Misbehaviour.Misbehaviour.TamperVideo or Misbehaviour.Misbehaviour.WrongPixels
            ? new MisbehavingTranscoder(transcoder, options.Misbehaviour) : transcoder;
        _logger = logger ?? NullLogger<OrchestratorCore>.Instance;
        Sessions = new SessionRegistry(options.MaxSessions, options.SessionIdleTimeout, time);
        Renditions = new RenditionStore(options.RenditionRetention, time);
        Answered = new AnsweredSegments(options.AnsweredSegmentsCapacity, options.AnsweredSegmentsRetention, time);
        _time = time;
        if (options.Misbehaviour != Misbehaviour.Misbehaviour.None)
            _logger.LogWarning("Orchestrator {Address} MISBEHAVES ({Misbehaviour}): test only, it will be slashed", key.Address, options.Misbehaviour);
    }

    private readonly TimeProvider _time;

    /// <summary>Signed results given, by segment key.</summary>
    public AnsweredSegments Answered { get; }

    /// <summary>The orchestrator's address.</summary>
    public Address Address => _key.Address;
    /// <summary>Open sessions.</summary>
    public SessionRegistry Sessions { get; }
    /// <summary>Renditions waiting to be downloaded.</summary>
    public RenditionStore Renditions { get; }
    /// <summary>Segments transcoded.</summary>
    public long Segments => Interlocked.Read(ref _segments);
    /// <summary>Segments that failed to transcode.</summary>
    public long Failures => Interlocked.Read(ref _failures);
    /// <summary>The payment receiver (balances).</summary>
    public PaymentReceiver Payments => _receiver;
    /// <summary>Metrics moved by segment handling, or null.</summary>
    public OrchestratorMetrics? Metrics { get; init; }
    /// <summary>Price in wei per <see cref="PixelsPerUnit"/> output pixels.</summary>
    public UInt256 PricePerUnit => _options.PricePerUnit;
    /// <summary>Pixels the price is for.</summary>
    public UInt256 PixelsPerUnit => _options.PixelsPerUnit;
    /// <summary>The chain facts the node last read (block, round).</summary>
    public ITicketChainState Chain => _chain;

    /// <summary>GetOrchestrator: checks the broadcaster's signature over keccak256(its address) and the capacity.</summary>
    public async Task<Proto.OrchestratorInfo> GetOrchestratorAsync(Proto.OrchestratorRequest request, CancellationToken ct)
    {
        Address broadcaster;
        try { broadcaster = HeaderCodec.ToAddress(request.Address, "address"); }
        catch (WireFormatException e) { throw new OrchestratorRefusal(RefusalKind.BadRequest, e.Message); }
        if (!SignedByAddress(Keccak256.Hash(broadcaster.Bytes), request.Sig.ToByteArray(), broadcaster))
            throw new OrchestratorRefusal(RefusalKind.Forbidden, "The request's signature is not the broadcaster's signature of keccak256(its address).");
        if (!request.IgnoreCapacityCheck && !Sessions.HasRoom)
            throw new OrchestratorRefusal(RefusalKind.AtCapacity, $"Orchestrator {Address} is at capacity ({Sessions.Capacity} sessions); try another orchestrator.");
        return await InfoForAsync(broadcaster, ct);
    }

    private async Task<Proto.OrchestratorInfo> InfoForAsync(Address broadcaster, CancellationToken ct, Proto.AuthToken? session = null)
    {
        var funds = await _chain.SenderInfoAsync(broadcaster, ct);
        var maxFloat = funds.Deposit + await _chain.ClaimableReserveAsync(broadcaster, Address, ct);
        var info = new Proto.OrchestratorInfo
        {
            Transcoder = _options.ServiceUri.ToString().TrimEnd('/'),
            PriceInfo = new Proto.PriceInfo { PricePerUnit = (long)_options.PricePerUnit, PixelsPerUnit = (long)_options.PixelsPerUnit },
            Address = ByteString.CopyFrom(Address.Bytes),
            AuthToken = session ?? _auth.Issue(Guid.NewGuid().ToString("N")), // a refresh keeps the session (its credit and slot)
        };
        // An unfunded broadcaster still learns the price and the token; it gets tickets once it funds a deposit (and
        // once a round is initialized, which tickets need).
        if (!maxFloat.IsZero && _chain.LastInitializedRound is not null) info.TicketParams = PaymentWire.ToProto(_issuer.Issue(broadcaster, _chain, maxFloat));
        return info;
    }

    /// <summary>Handles POST /segment; returns the TranscodeResult, or throws <see cref="OrchestratorRefusal"/>.</summary>
    public async Task<Proto.TranscodeResult> ProcessSegmentAsync(string? segmentHeader, string? paymentHeader, byte[] body, CancellationToken ct)
    {
        Metrics?.SegmentsReceived.Inc();
        try
        {
            var result = await ProcessCheckedAsync(segmentHeader, paymentHeader, body, ct);
            if (result.Data is not null) Metrics?.SegmentsTranscoded.Inc();
            else Metrics?.SegmentFailures.WithLabels("transcode").Inc();
            return result;
        }
        catch (OrchestratorRefusal e)
        {
            Metrics?.SegmentFailures.WithLabels(e.Kind switch
            {
                RefusalKind.BadRequest => "bad-request",
                RefusalKind.Forbidden => "forbidden",
                RefusalKind.PaymentRequired => "payment",
                _ => "at-capacity",
            }).Inc();
            throw;
        }
    }

    private async Task<Proto.TranscodeResult> ProcessCheckedAsync(string? segmentHeader, string? paymentHeader, byte[] body, CancellationToken ct)
    {
        Proto.SegData seg;
        TicketPayment payment;
        try
        {
            seg = HeaderCodec.Decode(segmentHeader, Proto.SegData.Parser, SegmentHeaders.Segment);
            payment = PaymentWire.FromProto(HeaderCodec.Decode(paymentHeader, Proto.Payment.Parser, SegmentHeaders.Payment));
        }
        catch (WireFormatException e) { throw new OrchestratorRefusal(RefusalKind.BadRequest, e.Message); }

        switch (_auth.Check(seg.AuthToken))
        {
            case AuthTokenStatus.Valid: break;
            case AuthTokenStatus.Expired: throw new OrchestratorRefusal(RefusalKind.Forbidden, "The auth token expired; call GetOrchestrator for a new one.");
            default: throw new OrchestratorRefusal(RefusalKind.Forbidden, "The auth token was not issued by this orchestrator.");
        }
        var sessionId = seg.AuthToken.SessionId;
        var hash = Keccak256.Hash(body);
        if (seg.Hash.Length != Hash.Length || !seg.Hash.Span.SequenceEqual(hash.Bytes))
            throw new OrchestratorRefusal(RefusalKind.Forbidden, $"The segment's keccak256 is {hash}, not the hash in {SegmentHeaders.Segment}.");
        var profiles = seg.FullProfiles3.Count > 0 ? seg.FullProfiles3 : seg.FullProfiles2.Count > 0 ? seg.FullProfiles2 : seg.FullProfiles;
        if (profiles.Count == 0) throw new OrchestratorRefusal(RefusalKind.BadRequest, "The segment names no profiles (fullProfiles3).");
        var manifestId = seg.ManifestId.ToStringUtf8();
        var names = profiles.Select(p => p.Name).ToList();
        var signed = SegmentSigningMessage.Flatten(manifestId, seg.Seq, hash, names);
        if (!SignedByAddress(Keccak256.Hash(signed), seg.Sig.ToByteArray(), payment.Sender))
            throw new OrchestratorRefusal(RefusalKind.Forbidden, $"The segment is not signed by the paying broadcaster {payment.Sender}.");
        if (!Sessions.TryOpen(sessionId))
            throw new OrchestratorRefusal(RefusalKind.AtCapacity, $"Orchestrator {Address} is at capacity ({Sessions.Capacity} sessions); try another orchestrator.");

        try
        {
            await _receiver.ReceiveAsync(payment, sessionId, ct);
            _receiver.RequireCredit(sessionId);
        }
        catch (PaymentException e) { throw new OrchestratorRefusal(RefusalKind.PaymentRequired, $"{e.Error}: {e.Message}"); }

        var result = new Proto.TranscodeResult { Seq = seg.Seq };
        var profilesHash = Keccak256.Hash(seg.Profiles.Span);
        var segmentKey = SegmentClaim.SegmentKey(Address, manifestId, seg.Seq, profilesHash);
        using var held = await Answered.HoldAsync(segmentKey, ct);
        if (Answered.Find(segmentKey) is { } previous && previous.SourceHash == hash)
        {
            if (!previous.Paths.All(p => Renditions.Get(p) is not null))
            {
                result.Error = $"segment {manifestId}/{seg.Seq} was answered already and its renditions expired; it is not transcoded twice";
                return result;
            }
            result.Data = _options.Misbehaviour == Misbehaviour.Misbehaviour.Equivocate
                ? Equivocate(previous, sessionId, manifestId, seg.Seq, profilesHash, hash)
                : previous.Data.Clone();
            _receiver.Debit(sessionId, Attowei.Fee(previous.Pixels, _options.PricePerUnit, _options.PixelsPerUnit));
            return await FinishAsync(result, payment, seg, ct);
        }

        IReadOnlyList<TranscodedRendition> renditions;
        try
        {
            using (Metrics?.TranscodeSeconds.NewTimer())
                renditions = await _transcoder.TranscodeAsync(new SegmentJob(manifestId, seg.Seq, body, TimeSpan.FromMilliseconds(seg.Duration), profiles), ct);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            Interlocked.Increment(ref _failures);
            _logger.LogWarning("Transcoding {Manifest}/{Seq} failed: {Message}", manifestId, seg.Seq, e.Message);
            result.Error = $"transcode failed: {e.Message}";
            return result;
        }

        var data = new Proto.TranscodeData();
        var pixels = 0L;
        var paths = new List<string>();
        for (var i = 0; i < renditions.Count; i++)
        {
            var r = renditions[i];
            var extension = r.ContentType == "video/mp4" ? "mp4" : r.ContentType == "video/webm" ? "webm" : "ts";
            var path = Renditions.Put($"/stream/{sessionId}/{seg.Seq}/{i}.{extension}", r.Data, r.ContentType);
            paths.Add(path);
            data.Segments.Add(new Proto.TranscodedSegmentData { Url = _options.ServiceUri.ToString().TrimEnd('/') + path, Pixels = r.Pixels });
            pixels += r.Pixels;
        }
        _receiver.Debit(sessionId, Attowei.Fee(pixels, _options.PricePerUnit, _options.PixelsPerUnit));
        data.Sig = ByteString.CopyFrom(SignClaim(manifestId, seg.Seq, profilesHash, hash, renditions.Select(r => r.Data)));
        result.Data = data;
        Answered.Remember(segmentKey, new AnsweredSegment(hash, data.Clone(), paths, pixels, _time.GetUtcNow() + _options.AnsweredSegmentsRetention));
        return await FinishAsync(result, payment, seg, ct);
    }

    private byte[] SignClaim(string manifestId, long seq, Hash profilesHash, Hash sourceHash, IEnumerable<byte[]> renditions)
    {
        var claim = SegmentClaim.Hash(manifestId, seq, profilesHash, sourceHash, TranscodeResultHash.Of(renditions.Select(r => (ReadOnlyMemory<byte>)r)));
        return PersonalMessage.Sign(_key, claim.Bytes).ToArray();
    }

    /// <summary>
    /// Test-only cheat: a second, different answer to a segment already answered — each rendition with one MPEG-TS null
    /// packet appended (still a valid stream), signed. Two signed results for one segment are slashable by anyone.
    /// </summary>
    private Proto.TranscodeData Equivocate(AnsweredSegment previous, string sessionId, string manifestId, long seq, Hash profilesHash, Hash sourceHash)
    {
        var data = new Proto.TranscodeData();
        var renditions = new List<byte[]>();
        for (var i = 0; i < previous.Paths.Count; i++)
        {
            var (bytes, contentType) = Renditions.Get(previous.Paths[i])!.Value;
            byte[] nullPacket = [0x47, 0x1F, 0xFF, 0x10, .. new byte[184].Select(_ => (byte)0xFF)];
            var changed = (byte[])[.. bytes, .. nullPacket];
            renditions.Add(changed);
            var path = Renditions.Put($"/stream/{sessionId}/{seq}/{i}-again.ts", changed, contentType);
            data.Segments.Add(new Proto.TranscodedSegmentData { Url = _options.ServiceUri.ToString().TrimEnd('/') + path, Pixels = previous.Data.Segments[i].Pixels });
        }
        data.Sig = ByteString.CopyFrom(SignClaim(manifestId, seq, profilesHash, sourceHash, renditions));
        _logger.LogWarning("Equivocating on {Manifest}/{Seq} (test misbehaviour)", manifestId, seq);
        return data;
    }

    private async Task<Proto.TranscodeResult> FinishAsync(Proto.TranscodeResult result, TicketPayment payment, Proto.SegData seg, CancellationToken ct)
    {
        // Fresh ticket parameters ride along when the current ones are near their expiration block or from an older round
        // (tickets expire ticketValidityPeriod rounds after their creation round).
        if (payment.Params.ExpirationBlock - _chain.BlockNumber < 10 || payment.Params.CreationRound < _chain.Round.CurrentRound)
            result.Info = await InfoForAsync(payment.Sender, ct, seg.AuthToken);
        Interlocked.Increment(ref _segments);
        return result;
    }

    /// <summary>Ends a session (EndTranscodingSession) when its token is ours.</summary>
    public void EndSession(Proto.AuthToken token)
    {
        if (_auth.Check(token) == AuthTokenStatus.Valid) Sessions.Close(token.SessionId);
    }

    private static bool SignedByAddress(Hash message, byte[] signature, Address signer)
    {
        try { return PersonalMessage.Recover(message.Bytes, Signature.FromBytes(signature)) == signer; }
        catch (InvalidSignatureException) { return false; }
    }
}
