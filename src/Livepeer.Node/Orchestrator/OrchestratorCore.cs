using Google.Protobuf;
using Livepeer.Core;
using Livepeer.Core.Crypto;
using Livepeer.Media.Codecs;
using Livepeer.Node.Orchestrator.Results;
using Livepeer.Node.Payments;
using Livepeer.Node.Transcoding;
using Livepeer.Protocol.Slashing;
using Livepeer.Wire.Auth;
using Livepeer.Wire.Compatibility;
using Livepeer.Wire.Segments;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Prometheus;
using Proto = Livepeer.Wire.Messages;

namespace Livepeer.Node.Orchestrator;

/// <summary>
/// The orchestrator's work, independent of transport: answering GetOrchestrator with ticket parameters, price and an
/// auth token, and handling a segment — auth token, segment hash (403 on mismatch), broadcaster signature, payment,
/// capacity, transcode, fee, signed result with rendition URLs — go-livepeer's wire throughout. Results carry go's
/// signature and, beside it, the project's <see cref="SegmentClaim"/> signature over the source hash too; a segment sent
/// again gets the result already signed for it, never a second one. Off chain (go's mode) there are no tickets.
/// </summary>
public sealed class OrchestratorCore
{
    private readonly PrivateKey _key;
    private readonly OrchestratorServingOptions _options;
    private readonly TicketParamsIssuer _issuer;
    private readonly PaymentReceiver _receiver;
    private readonly ITicketChainState _chain;
    private readonly AuthTokenIssuer _auth;
    private readonly IOrchestratorTranscoder _transcoder;
    private readonly ILogger _logger;
    private readonly ResultSigner _signer;
    private long _segments, _failures;

    /// <summary>Creates the core; <paramref name="key"/> is the orchestrator's Ethereum key (its identity and ticket recipient).</summary>
    public OrchestratorCore(PrivateKey key, OrchestratorServingOptions options, TicketParamsIssuer issuer, PaymentReceiver receiver, ITicketChainState chain,
        AuthTokenIssuer auth, IOrchestratorTranscoder transcoder, TimeProvider time, ILogger<OrchestratorCore>? logger = null)
    {
        options.Validate();
        (_key, _options, _issuer, _receiver, _chain, _auth) = (key, options, issuer, receiver, chain, auth);
        _transcoder = transcoder;
        _signer = new ResultSigner(key);
        _logger = logger ?? NullLogger<OrchestratorCore>.Instance;
        Prices = new PriceList(PixelPrice.Of(options.PricePerUnit, options.PixelsPerUnit), options.PricePerBroadcaster);
        Sessions = new SessionRegistry(options.MaxSessions, options.SessionIdleTimeout, time, options.MaxSessionsPerSender, options.UnpaidSessionTimeout);
        // go-livepeer tears a finished session down on the transcoders that worked for it.
        Sessions.Ended += transcoder.EndSession;
        Sessions.Ended += id => _sessionPrices.TryRemove(id, out _);
        Renditions = new RenditionStore(options.RenditionRetention, time);
        Answered = new AnsweredSegments(options.AnsweredSegmentsCapacity, options.AnsweredSegmentsRetention, time);
        _time = time;
    }

    private readonly TimeProvider _time;
    // go-livepeer's fixed price per session: the expected_price of the session's first payment with tickets.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Proto.PriceInfo> _sessionPrices = new(StringComparer.Ordinal);

    /// <summary>The price a session pays (fixed by its first payment's expected_price, as go-livepeer's), or null before one.</summary>
    public Proto.PriceInfo? SessionPrice(string sessionId) => _sessionPrices.TryGetValue(sessionId, out var p) ? p.Clone() : null;

    /// <summary>What a segment sent again gets: by default the result already signed for it, never a second one.</summary>
    public IRepeatedSegmentAnswer RepeatedAnswers { get; init; } = SameAnswer.Instance;

    /// <summary>Signed results given, by segment key.</summary>
    public AnsweredSegments Answered { get; }

    /// <summary>The orchestrator's address.</summary>
    public Address Address => _key.Address;

    /// <summary>go-livepeer's orchId: the checksummed address, or "offchain" without a chain.</summary>
    public string OrchId => _options.OffChain ? Transcoders.TranscoderPool.OffChainOrchId : _key.Address.ToChecksumString();
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
    /// <summary>The prices (default and per broadcaster), changeable while serving; new sessions pay the current one.</summary>
    public PriceList Prices { get; }
    /// <summary>The default price's wei per <see cref="PixelsPerUnit"/> output pixels (reduced).</summary>
    public UInt256 PricePerUnit => Prices.Default.PricePerUnit;
    /// <summary>Pixels the default price is for (reduced).</summary>
    public UInt256 PixelsPerUnit => Prices.Default.PixelsPerUnit;

    /// <summary>Changes the most concurrent sessions; running sessions above it keep going, new ones wait for room.</summary>
    public void SetMaxSessions(int maxSessions)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSessions, 1);
        _options.MaxSessions = maxSessions;
        Sessions.Capacity = maxSessions;
    }
    /// <summary>What `--max-sessions auto` measured, or null when the capacity was given.</summary>
    public Capacity.CapacityMeasurement? MeasuredCapacity => _options.MeasuredCapacity;
    /// <summary>The chain facts the node last read (block, round).</summary>
    public ITicketChainState Chain => _chain;

    /// <summary>
    /// GetOrchestrator: checks the broadcaster's signature (go-livepeer's rule: over keccak256 of its checksummed address
    /// text; not checked off chain, where go broadcasters send none, unless an allow-list is set) and the capacity. It
    /// reserves nothing: a slot is taken by the first accepted segment.
    /// </summary>
    public async Task<Proto.OrchestratorInfo> GetOrchestratorAsync(Proto.OrchestratorRequest request, CancellationToken ct)
    {
        Address broadcaster;
        var allowList = _options.AllowedBroadcasters.Count > 0;
        if (_options.OffChain && !allowList && request.Address.Length != Address.Length) broadcaster = Address.Zero;
        else
        {
            try { broadcaster = HeaderCodec.ToAddress(request.Address, "address"); }
            catch (WireFormatException e) { throw new OrchestratorRefusal(RefusalKind.BadRequest, e.Message); }
            if ((!_options.OffChain || allowList) && !DiscoverySignature.IsValid(broadcaster, request.Sig.Span))
                throw new OrchestratorRefusal(RefusalKind.Forbidden, "orchestrator req sig check failed: the signature is not the broadcaster's EIP-191 signature of keccak256(its checksummed address).");
            RequireAllowed(broadcaster);
        }
        if (!request.IgnoreCapacityCheck && !Sessions.HasRoom)
            throw new OrchestratorRefusal(RefusalKind.AtCapacity, $"{OrchestratorRefusal.CappedText}: orchestrator {Address} is at capacity ({Sessions.Capacity} sessions); try another orchestrator.");
        if (!request.IgnoreCapacityCheck && !broadcaster.IsZero && Sessions.CountFor(broadcaster) >= Sessions.PerSender)
            throw new OrchestratorRefusal(RefusalKind.AtCapacity, SenderLimitText(broadcaster));
        return await InfoForAsync(broadcaster, ct);
    }

    private void RequireAllowed(Address broadcaster)
    {
        if (_options.AllowedBroadcasters.Count > 0 && !_options.AllowedBroadcasters.Contains(broadcaster))
            throw new OrchestratorRefusal(RefusalKind.Forbidden, $"broadcaster {broadcaster} is not on this orchestrator's allow-list.");
    }

    private string SenderLimitText(Address sender) =>
        $"{OrchestratorRefusal.CappedText}: broadcaster {sender} holds {Sessions.PerSender} sessions at orchestrator {Address}, the most one broadcaster may; try another orchestrator.";

    private OrchestratorRefusal Refusal(SessionAdmission admission, Address sender) => admission switch
    {
        SessionAdmission.AtCapacity => new(RefusalKind.AtCapacity, $"{OrchestratorRefusal.CappedText}: orchestrator {Address} is at capacity ({Sessions.Capacity} sessions); try another orchestrator."),
        SessionAdmission.SenderLimit => new(RefusalKind.AtCapacity, SenderLimitText(sender)),
        SessionAdmission.NotOwner => new(RefusalKind.Forbidden, $"invalid auth token: its session belongs to another broadcaster than {sender}."),
        SessionAdmission.Admitted => throw new ArgumentOutOfRangeException(nameof(admission), admission, "an admitted session is no refusal"),
        _ => throw new ArgumentOutOfRangeException(nameof(admission), admission, "unknown session admission"),
    };

    /// <summary>What this orchestrator can do, in go-livepeer's numbers (sent in OrchestratorInfo, checked against each job).</summary>
    public Proto.Capabilities Capabilities => NodeCapabilities.ToProto(_options.Capabilities, _options.MaxSessions);

    private async Task<Proto.OrchestratorInfo> InfoForAsync(Address broadcaster, CancellationToken ct, Proto.AuthToken? session = null)
    {
        var info = new Proto.OrchestratorInfo
        {
            Transcoder = _options.ServiceUri.ToString().TrimEnd('/'),
            // A session's refresh quotes the price its first payment fixed, as go-livepeer's.
            PriceInfo = session is not null && _sessionPrices.TryGetValue(session.SessionId, out var fixedPrice) ? fixedPrice.Clone()
                : Prices.For(broadcaster).ToProto(),
            Address = ByteString.CopyFrom(Address.Bytes),
            AuthToken = session ?? _auth.Issue(Guid.NewGuid().ToString("N")), // a refresh keeps the session (its credit and slot)
            Capabilities = Capabilities,
        };
        if (_options.OffChain) return info; // go-livepeer's off-chain mode: no tickets
        var funds = await _chain.SenderInfoAsync(broadcaster, ct);
        var maxFloat = funds.Deposit + await _chain.ClaimableReserveAsync(broadcaster, Address, ct);
        // An unfunded broadcaster still learns the price and the token; it gets tickets once it funds a deposit (and
        // once a round is initialized, which tickets need).
        if (!maxFloat.IsZero && _chain.LastInitializedRound is not null) info.TicketParams = PaymentWire.ToProto(_issuer.Issue(broadcaster, _chain, maxFloat));
        return info;
    }

    /// <summary>Handles POST /segment whole (checks, then transcoding); returns the TranscodeResult, or throws <see cref="OrchestratorRefusal"/>.</summary>
    public async Task<Proto.TranscodeResult> ProcessSegmentAsync(string? segmentHeader, string? paymentHeader, byte[] body, CancellationToken ct) =>
        await TranscodeAsync(await AcceptSegmentAsync(segmentHeader, paymentHeader, _ => Task.FromResult(body), ct), ct);

    /// <summary>
    /// The checks of POST /segment, in go-livepeer's order and with its status codes: Payment header (402), segment
    /// credentials — SegData, signature, capabilities, auth token, capacity (403) — then the payment (400), credit of at
    /// least one ticket's expected value (400 "Insufficient balance"), then the body is read (<paramref name="readBody"/>:
    /// the upload, or a download from the URL a go broadcaster sent — only for a paying sender) and its hash checked (403).
    /// What passes is accepted: the caller answers 200 before transcoding it, as go does.
    /// </summary>
    public async Task<AcceptedSegment> AcceptSegmentAsync(string? segmentHeader, string? paymentHeader, Func<CancellationToken, Task<byte[]>> readBody, CancellationToken ct)
    {
        Metrics?.SegmentsReceived.Inc();
        try { return await AcceptCheckedAsync(segmentHeader, paymentHeader, readBody, ct); }
        catch (OrchestratorRefusal e)
        {
            Metrics?.SegmentFailures.WithLabels(RefusalKinds.Of(e.Kind).MetricLabel).Inc();
            throw;
        }
    }

    private async Task<AcceptedSegment> AcceptCheckedAsync(string? segmentHeader, string? paymentHeader, Func<CancellationToken, Task<byte[]>> readBody, CancellationToken ct)
    {
        TicketPayment payment;
        Proto.Payment proto;
        try
        {
            // go-livepeer's off-chain broadcaster sends an empty header: an empty Payment.
            proto = string.IsNullOrEmpty(paymentHeader) ? new Proto.Payment() : HeaderCodec.Decode(paymentHeader, Proto.Payment.Parser, SegmentHeaders.Payment);
            // As go: a payment without a sender is the zero address paying nothing (then the segment signature fails, or off
            // chain nothing is owed).
            payment = proto.Sender.IsEmpty && proto.TicketSenderParams.Count == 0 ? new TicketPayment(Address.Zero, PaymentWire.EmptyParams, []) : PaymentWire.FromProto(proto);
        }
        catch (WireFormatException e) { throw new OrchestratorRefusal(RefusalKind.PaymentRequired, e.Message); }

        Proto.SegData seg;
        try { seg = HeaderCodec.Decode(segmentHeader, Proto.SegData.Parser, SegmentHeaders.Segment); }
        catch (WireFormatException e) { throw new OrchestratorRefusal(RefusalKind.Forbidden, e.Message); }
        var profiles = ProfileWire.JobProfiles(seg);
        if (profiles.Count == 0) throw new OrchestratorRefusal(RefusalKind.Forbidden, "The segment names no profiles (fullProfiles, fullProfiles2 or fullProfiles3).");
        var manifestId = seg.ManifestId.ToStringUtf8();
        var names = profiles.Select(p => p.Name).ToList();
        var claimedHash = seg.Hash.Length == Hash.Length ? new Hash(seg.Hash.Span) : Hash.Zero;
        if (!_options.OffChain && !SignedByAddress(Keccak256.Hash(SegmentSigningMessage.Flatten(manifestId, seg.Seq, claimedHash, names)), seg.Sig.ToByteArray(), payment.Sender))
            throw new OrchestratorRefusal(RefusalKind.Forbidden, $"ErrSegSig: the segment is not signed by the paying broadcaster {payment.Sender}.");
        var job = CapabilitySet.FromBitstring(seg.Capabilities?.Bitstring ?? []);
        if (!CapabilitySet.JobFits(job, Capabilities))
            throw new OrchestratorRefusal(RefusalKind.Forbidden, $"incompatible capabilities: the job needs [{job}], this orchestrator offers [{CapabilitySet.FromBitstring(Capabilities.Bitstring)}] and requires [{NodeCapabilities.Mandatory}].");
        if (seg.AuthToken is null) throw new OrchestratorRefusal(RefusalKind.Forbidden, "missing auth token");
        switch (_auth.Check(seg.AuthToken))
        {
            case AuthTokenStatus.Valid: break;
            case AuthTokenStatus.Expired: throw new OrchestratorRefusal(RefusalKind.Forbidden, "expired auth token: call GetOrchestrator for a new one.");
            case AuthTokenStatus.Forged or AuthTokenStatus.Malformed: throw new OrchestratorRefusal(RefusalKind.Forbidden, "invalid auth token: it was not issued by this orchestrator.");
            default: throw new ArgumentOutOfRangeException(nameof(segmentHeader), "unknown auth token status");
        }
        var sessionId = seg.AuthToken.SessionId;
        // Who the session is for: the paying sender on chain; off chain, the signer of the segment when an allow-list is set,
        // else nobody in particular (go's off-chain broadcasters sign nothing).
        var allowList = _options.AllowedBroadcasters.Count > 0;
        var sender = payment.Sender;
        if (_options.OffChain) sender = allowList ? SegmentSigner(manifestId, seg, claimedHash, names) : Address.Zero;
        RequireAllowed(sender);
        // Capacity is checked before the payment (as go), but the slot is taken only once the segment is paid for.
        if (Sessions.Check(sessionId, sender) is var admission && admission != SessionAdmission.Admitted) throw Refusal(admission, sender);

        var paid = allowList;
        if (!_options.OffChain)
        {
            if (proto.TicketParams is not null) FixSessionPrice(sessionId, proto.ExpectedPrice, Prices.For(sender));
            try { await _receiver.ReceiveAsync(payment, sessionId, ct); }
            catch (PaymentException e) { throw new OrchestratorRefusal(RefusalKind.PaymentRefused, $"{GoText(e.Error)} ({e.Error}): {e.Message}"); }
            if (!Prices.For(sender).IsZero)
            {
                // One ticket's expected value (smaller when the sender's funds capped the face value); payments without
                // ticket parameters (go's, while its credit lasts) are held to the standard ticket.
                var standard = _issuer.StandardTicketValueAttowei;
                var ev = payment.Params.ExpectedValueAttowei;
                try { _receiver.RequireCredit(sessionId, ev > 0 ? System.Numerics.BigInteger.Min(ev, standard) : standard); }
                catch (PaymentException e) { throw new OrchestratorRefusal(RefusalKind.PaymentRefused, $"{GoText(e.Error)} ({e.Error}): {e.Message}"); }
                paid = true;
            }
        }
        if (Sessions.TryOpen(sessionId, sender, paid) is var opened && opened != SessionAdmission.Admitted) throw Refusal(opened, sender);

        var body = await readBody(ct);
        var hash = Keccak256.Hash(body);
        if (hash != claimedHash)
            throw new OrchestratorRefusal(RefusalKind.Forbidden, $"Forbidden: the segment's keccak256 is {hash}, not the hash in {SegmentHeaders.Segment}.");
        return new AcceptedSegment(seg, payment, sessionId, manifestId, profiles.ToList(), body, hash);
    }

    /// <summary>
    /// go-livepeer's expected_price rule: a payment with tickets names the price it pays (the one quoted in OrchestratorInfo),
    /// and the session's first such payment fixes the session's price. go binds the price into the tickets' recipientRand,
    /// so a lower price fails there; ours checks it outright: a price below this orchestrator's is refused (400).
    /// </summary>
    private void FixSessionPrice(string sessionId, Proto.PriceInfo? expected, PixelPrice ours)
    {
        const string Invalid = "invalid expected price sent with payment";
        if (expected is null) throw new OrchestratorRefusal(RefusalKind.PaymentRefused, $"{Invalid} err=\"expected price is nil\": echo OrchestratorInfo.price_info in Payment.expected_price.");
        if (expected.PixelsPerUnit <= 0 || expected.PricePerUnit < 0)
            throw new OrchestratorRefusal(RefusalKind.PaymentRefused, $"{Invalid} err=\"price {expected.PricePerUnit} per {expected.PixelsPerUnit} pixels is not a price\".");
        // price/pixels >= ours, cross-multiplied (both sides fit: int64 × int64 in BigInteger).
        if (PixelPrice.FromProto(expected).CompareTo(ours) < 0)
            throw new OrchestratorRefusal(RefusalKind.PaymentRefused,
                $"{Invalid}: {expected.PricePerUnit} wei per {expected.PixelsPerUnit} pixels is below this orchestrator's {ours.Numerator} per {ours.Denominator}; call GetOrchestrator for its price.");
        _sessionPrices.TryAdd(sessionId, expected.Clone());
    }

    /// <summary>go-livepeer's error text for a payment refusal (its broadcasters key on some of them, e.g. "TicketParams expired").</summary>
    private static string GoText(PaymentError error) => error switch
    {
        PaymentError.ExpiredParams => "TicketParams expired",
        PaymentError.InsufficientBalance => "Insufficient balance",
        PaymentError.InvalidSignature => "invalid ticket signature",
        PaymentError.NonceReplayed => "invalid ticket sendernonce",
        PaymentError.WrongRecipient => "invalid ticket recipient",
        PaymentError.ParamsNotIssued => "invalid recipientRand for recipientRandHash",
        PaymentError.WrongCreationRound => "invalid ticket creationRoundBlockHash",
        PaymentError.FaceValueTooHigh => "ticket faceValue higher than max float",
        PaymentError.InvalidSender or PaymentError.SenderUnfunded or PaymentError.SenderUnlocking or PaymentError.Malformed => "invalid ticket sender",
        _ => throw new ArgumentOutOfRangeException(nameof(error), error, "unknown payment error"),
    };

    /// <summary>Transcodes an accepted segment; failures come back in the result's error field (the 200 is already sent).</summary>
    public async Task<Proto.TranscodeResult> TranscodeAsync(AcceptedSegment accepted, CancellationToken ct)
    {
        var result = await TranscodeCheckedAsync(accepted, ct);
        if (result.Data is not null) Metrics?.SegmentsTranscoded.Inc();
        else Metrics?.SegmentFailures.WithLabels("transcode").Inc();
        return result;
    }

    private async Task<Proto.TranscodeResult> TranscodeCheckedAsync(AcceptedSegment accepted, CancellationToken ct)
    {
        var (seg, payment, sessionId, manifestId, profiles, body, hash) = accepted;
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
            result.Data = RepeatedAnswers.Answer(new RepeatedSegment(previous, sessionId, manifestId, seg.Seq, profilesHash, hash, Renditions, _options.ServiceUri));
            Debit(sessionId, previous.Pixels, payment.Sender);
            return await FinishAsync(result, payment, seg, ct);
        }

        IReadOnlyList<TranscodedRendition> renditions;
        try
        {
            using (Metrics?.TranscodeSeconds.NewTimer())
                renditions = await _transcoder.TranscodeAsync(new SegmentJob(manifestId, seg.Seq, body, TimeSpan.FromMilliseconds(seg.Duration), profiles)
                    { AuthToken = seg.AuthToken, Capabilities = seg.Capabilities, CalcPerceptualHash = seg.CalcPerceptualHash, OrchId = OrchId }, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            Interlocked.Increment(ref _failures);
            _logger.TranscodeFailed(manifestId, seg.Seq, e.Message);
            result.Error = $"transcode failed: {e.Message}";
            return result;
        }

        var data = new Proto.TranscodeData();
        var pixels = 0L;
        var paths = new List<string>();
        for (var i = 0; i < renditions.Count; i++)
        {
            var r = renditions[i];
            // A result without a known type is served as TS, go-livepeer's only rendition container.
            var extension = ContainerTable.FromContentType(r.ContentType)?.Extension ?? "ts";
            var path = Renditions.Put($"/stream/{sessionId}/{seg.Seq}/{i}.{extension}", r.Data, r.ContentType);
            paths.Add(path);
            var rendition = new Proto.TranscodedSegmentData { Url = _options.ServiceUri.ToString().TrimEnd('/') + path, Pixels = r.Pixels };
            if (seg.CalcPerceptualHash && r.PerceptualHash is { } phash)
            {
                var hashPath = Renditions.Put(path + ".phash", phash, "application/octet-stream"); // go's perceptual_hash_url
                rendition.PerceptualHashUrl = _options.ServiceUri.ToString().TrimEnd('/') + hashPath;
            }
            data.Segments.Add(rendition);
            pixels += r.Pixels;
        }
        Debit(sessionId, pixels, payment.Sender);
        _signer.Sign(data, manifestId, seg.Seq, profilesHash, hash, renditions.Select(r => r.Data));
        result.Data = data;
        Answered.Remember(segmentKey, new AnsweredSegment(hash, data.Clone(), paths, pixels, _time.GetUtcNow() + _options.AnsweredSegmentsRetention));
        return await FinishAsync(result, payment, seg, ct);
    }

    private void Debit(string sessionId, long pixels, Address sender)
    {
        if (_options.OffChain) return;
        // At the session's fixed price (never below ours: FixSessionPrice refused lower ones), else at ours.
        var fee = _sessionPrices.TryGetValue(sessionId, out var price)
            ? Attowei.Fee(pixels, (ulong)price.PricePerUnit, (ulong)price.PixelsPerUnit)
            : Attowei.Fee(pixels, Prices.For(sender).PricePerUnit, Prices.For(sender).PixelsPerUnit);
        // A session that spent its credit keeps its slot only briefly unless it pays again.
        if (_receiver.Debit(sessionId, fee) <= 0 && !Prices.For(sender).IsZero) Sessions.MarkUnpaid(sessionId);
    }

    private Address SegmentSigner(string manifestId, Proto.SegData seg, Hash claimedHash, IReadOnlyList<string> names)
    {
        try { return PersonalMessage.Recover(Keccak256.Hash(SegmentSigningMessage.Flatten(manifestId, seg.Seq, claimedHash, names)).Bytes, Signature.FromBytes(seg.Sig.ToByteArray())); }
        catch (InvalidSignatureException) { throw new OrchestratorRefusal(RefusalKind.Forbidden, "ErrSegSig: this orchestrator serves only the broadcasters on its allow-list, and the segment carries no valid signature."); }
    }

    private async Task<Proto.TranscodeResult> FinishAsync(Proto.TranscodeResult result, TicketPayment payment, Proto.SegData seg, CancellationToken ct)
    {
        // Fresh ticket parameters ride along when the current ones are near their expiration block or from an older round
        // (tickets expire ticketValidityPeriod rounds after their creation round).
        if (!_options.OffChain && (payment.Params.ExpirationBlock - _chain.BlockNumber < 10 || payment.Params.CreationRound < _chain.Round.CurrentRound))
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

/// <summary>A segment that passed the checks of POST /segment and is paid for: what transcoding it needs.</summary>
public sealed record AcceptedSegment(Proto.SegData Seg, TicketPayment Payment, string SessionId, string ManifestId,
    IReadOnlyList<Proto.VideoProfile> Profiles, byte[] Body, Hash Hash);
