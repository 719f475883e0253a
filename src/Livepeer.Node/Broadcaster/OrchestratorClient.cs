using System.Collections.Concurrent;
using System.Diagnostics;
using Google.Protobuf;
using Livepeer.Core;
using Livepeer.Core.Crypto;
using Livepeer.Media.Profiles;
using Livepeer.Media.Segmenting;
using Livepeer.Media.Transcoding;
using Livepeer.Node.Broadcaster.Verification;
using Livepeer.Node.Payments;
using Livepeer.Node.Selection;
using Livepeer.Node.Transcoding;
using Livepeer.Protocol.Slashing;
using Livepeer.Wire.Compatibility;
using Livepeer.Wire.Segments;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Proto = Livepeer.Wire.Messages;

namespace Livepeer.Node.Broadcaster;

/// <summary>
/// The broadcaster's client of the orchestrators (its transcoder is the network). For each segment it reuses the stream's session while its latency score
/// stays at most 1, or picks an orchestrator by stake and chance within the price cap; pays with tickets, sends the
/// segment, checks the orchestrator's signature over the source and renditions, then (when given) the
/// <see cref="ResultVerification"/> checks, and on any failure suspends that orchestrator and
/// tries another, up to the attempt limit. When all fail it throws, and the pipeline keeps publishing the source.
/// </summary>
public sealed class OrchestratorClient(
    PrivateKey key,
    IOrchestratorDirectory directory,
    OrchestratorConnection connection,
    OrchestratorSelector selector,
    SuspensionList suspensions,
    SelectionOptions options,
    ILogger<OrchestratorClient>? logger = null,
    ResultVerification? verification = null) : ITranscoder
{
    private readonly ConcurrentDictionary<string, BroadcastSession> _sessions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Address, OrchestratorStats> _stats = new();
    private readonly ILogger _logger = logger ?? NullLogger<OrchestratorClient>.Instance;

    /// <summary>The checks after the signature (evidence, findings), or null when not verifying.</summary>
    public ResultVerification? Verification => verification;

    /// <summary>Lightens the ladder of a stream that falls behind and restores it when it keeps up.</summary>
    public LadderGovernor Governor { get; init; } = new();

    /// <summary>Orchestrators suspended now (status pages, tests).</summary>
    public SuspensionList Suspensions => suspensions;

    /// <summary>Per-orchestrator counters for status pages.</summary>
    public IReadOnlyDictionary<Address, OrchestratorStats> Stats => _stats;

    /// <summary>Metrics moved per segment, attempt and payment, or null.</summary>
    public BroadcasterMetrics? Metrics { get; init; }

    /// <summary>
    /// go-livepeer's off-chain mode (a broadcaster given orchestrator addresses and no chain): an orchestrator that offers
    /// no ticket parameters is sent an empty payment instead of being refused.
    /// </summary>
    public bool OffChain { get; init; }

    private readonly ConcurrentDictionary<Address, bool> _goOnly = new();

    /// <summary>
    /// The most an orchestrator's tickets may ask (--max-ticket-ev, --max-total-ev, --max-face-value, --deposit-multiplier);
    /// an orchestrator outside them is not used. Null: no limits.
    /// </summary>
    public PaymentLimits? Limits { get; init; }

    /// <summary>Reads this broadcaster's deposit in wei for the face-value bound; null (or a null answer): not checked.</summary>
    public Func<CancellationToken, Task<UInt256?>>? Deposit { get; init; }

    /// <summary>Each running stream's session now: the orchestrator, where it serves, and the price it quoted.</summary>
    public IReadOnlyList<(string Stream, Address Orchestrator, Uri ServiceUri, Proto.PriceInfo? Price)> SessionSnapshot() =>
        _sessions.Select(s => (s.Key, s.Value.Orchestrator, s.Value.Candidate.ServiceUri, s.Value.Info.PriceInfo?.Clone())).OrderBy(s => s.Key, StringComparer.Ordinal).ToList();

    /// <summary>Tickets sent over all sessions.</summary>
    public long TicketsSent => Interlocked.Read(ref _ticketsSent);
    private long _ticketsSent;

    /// <inheritdoc />
    public async Task<TranscodeResult> TranscodeAsync(MediaSegment segment, IReadOnlyList<VideoProfile> profiles, CancellationToken cancellationToken = default)
    {
        var full = profiles;
        profiles = Governor.Ladder(segment.StreamName, full); // lighter while the stream falls behind
        OrchestratorCallException? last = null;
        var tried = new HashSet<Address>();
        var refreshed = new HashSet<Address>();
        var errors = new List<string>();
        for (var attempt = 1; attempt <= options.MaxAttemptsPerSegment; attempt++)
        {
            BroadcastSession? session;
            try { session = await SessionForAsync(segment.StreamName, profiles, tried, cancellationToken); }
            catch (OrchestratorCallException e) { errors.Add(e.Message); last = e; continue; }
            if (session is null) break;
            tried.Add(session.Candidate.Address);
            var stats = _stats.GetOrAdd(session.Orchestrator, _ => new OrchestratorStats());
            try
            {
                var result = await SendAsync(session, segment, profiles, cancellationToken);
                stats.Succeeded(result.Elapsed);
                Metrics?.SegmentsTranscoded.Inc();
                Metrics?.RoundTripSeconds.Observe(result.Elapsed.TotalSeconds);
                suspensions.Clear(session.Candidate.Address);
                session.Timeouts = 0;
                Governor.Transcoded(segment.StreamName, segment.Sequence, full, result.Elapsed, TimeSpan.FromMilliseconds(Math.Max(1, segment.DurationMs)));
                return result;
            }
            catch (OrchestratorCallException e) when (e.Kind == OrchestratorFailure.ExpiredParams && !refreshed.Contains(session.Candidate.Address))
            {
                // Not the orchestrator's fault: our ticket parameters aged out. Ask it for new ones and try it again.
                refreshed.Add(session.Candidate.Address);
                try
                {
                    // The session's slot is there already: a full orchestrator must not refuse this as a new stream.
                    var fresh = await connection.GetInfoAsync(session.Candidate.ServiceUri, cancellationToken, ignoreCapacityCheck: true);
                    fresh.AuthToken = session.Info.AuthToken; // keep the session: its credit and its slot are there
                    session.Info = fresh;
                }
                catch (OrchestratorCallException) { }
                tried.Remove(session.Candidate.Address);
                attempt--;
            }
            catch (OrchestratorCallException e)
            {
                stats.Failed(e.Reason);
                Metrics?.SegmentFailures.WithLabels(e.Reason).Inc();
                errors.Add(e.Message);
                last = e;
                // Slow once is no fault: the session stays (as the fallback) unless it timed out several times in a row.
                var slowOnly = e.Kind == OrchestratorFailure.Timeout && ++session.Timeouts < BroadcastSession.TimeoutsToSuspend;
                if (slowOnly) session.Slow = true;
                else
                {
                    if (e.Kind == OrchestratorFailure.Timeout) Suspend(session.Candidate.Address, e.Reason); // hung, not just slow
                    else SuspendUnlessFull(session.Candidate.Address, e);
                    _sessions.TryRemove(KeyValuePair.Create(segment.StreamName, session));
                }
                _logger.SegmentFailedOn(segment.StreamName, segment.Sequence, session.Orchestrator, e.Reason, e.Message);
            }
        }
        Metrics?.SegmentsNotTranscoded.Inc();
        if (last?.Kind == OrchestratorFailure.Timeout) Governor.Missed(segment.StreamName, segment.Sequence, full, "timeout");
        throw new TranscodeException(TranscodeError.Unavailable,
            $"No orchestrator transcoded {segment.StreamName}/{segment.Sequence}: {(errors.Count == 0 ? "none available within the price cap" : string.Join("; ", errors))}",
            null, last); // the last attempt's failure says why the segment plays source only
    }

    private async Task<BroadcastSession?> SessionForAsync(string stream, IReadOnlyList<VideoProfile> profiles, HashSet<Address> tried, CancellationToken ct)
    {
        BroadcastSession? slow = null;
        if (_sessions.TryGetValue(stream, out var current) && !tried.Contains(current.Candidate.Address) && !suspensions.IsSuspended(current.Candidate.Address))
        {
            if (!current.Slow) return current;
            slow = current;
        }
        var candidates = await directory.CandidatesAsync(ct);
        var pick = selector.Select(candidates, slow is null ? tried : new HashSet<Address>(tried) { slow.Candidate.Address });
        if (pick is null)
        {
            // Nobody else can take the stream: a slow orchestrator beats playing source-only.
            if (slow is not null) slow.Slow = false;
            return slow;
        }
        tried.Add(pick.Address);
        Proto.OrchestratorInfo info;
        var job = NodeCapabilities.ForJob(profiles);
        BroadcastSession session;
        try
        {
            info = await connection.GetInfoAsync(pick.ServiceUri, ct, NodeCapabilities.JobProto(job));
            // go's discovery rule: the orchestrator must offer every capability the job needs (an AV1 or VP9 ladder never
            // goes to one without that encoder) and the job must hold the orchestrator's mandatory ones.
            if (!CapabilitySet.JobFits(job, info.Capabilities))
            {
                var offered = CapabilitySet.FromBitstring(info.Capabilities?.Bitstring ?? []);
                throw new OrchestratorCallException(OrchestratorFailure.Incompatible, $"{pick.ServiceUri} cannot do this job: it lacks [{string.Join(",", job.Except(offered))}].");
            }
            var address = info.Address.Length == Address.Length ? new Address(info.Address.Span) : pick.Address;
            session = new BroadcastSession(pick, address, info, new PaymentSender(key));
            // A malformed field ends this session here, before any segment, and the next orchestrator is tried; so do
            // tickets outside this broadcaster's limits (a greedy face value never reaches the deposit).
            if (session.Params is { } asked && Limits is { } limits)
            {
                session.Deposit = await DepositAsync(ct);
                if (limits.Refusal(asked, session.Deposit) is { } refusal)
                    throw new OrchestratorCallException(OrchestratorFailure.TicketParams, $"{pick.ServiceUri} offers tickets outside this broadcaster's limits: {refusal}.");
            }
        }
        catch (WireFormatException e)
        {
            var failure = new OrchestratorCallException(OrchestratorFailure.Malformed, $"{pick.ServiceUri} sent malformed OrchestratorInfo: {e.Message}", e);
            _stats.GetOrAdd(pick.Address, _ => new OrchestratorStats()).Failed(failure.Reason);
            Metrics?.SegmentFailures.WithLabels(failure.Reason).Inc();
            SuspendUnlessFull(pick.Address, failure);
            throw failure;
        }
        catch (OrchestratorCallException e)
        {
            _stats.GetOrAdd(pick.Address, _ => new OrchestratorStats()).Failed(e.Reason);
            Metrics?.SegmentFailures.WithLabels(e.Reason).Inc();
            SuspendUnlessFull(pick.Address, e);
            throw;
        }
        if (options.MaxPrice is { } max && info.PriceInfo is { } price && price.PixelsPerUnit > 0 &&
            !(pick with { PricePerUnit = (ulong)price.PricePerUnit, PixelsPerUnit = (ulong)price.PixelsPerUnit }).PriceAtMost(max.PricePerUnit, max.PixelsPerUnit))
        {
            throw new OrchestratorCallException(OrchestratorFailure.Price, $"{pick.ServiceUri} asks {price.PricePerUnit} wei per {price.PixelsPerUnit} pixels, above the cap.");
        }
        if (!(info.Capabilities is { } caps && CapabilitySet.FromBitstring(caps.Bitstring).Contains(Capability.SegmentClaim)) && _goOnly.TryAdd(session.Orchestrator, true))
            _logger.GoWireOnly(session.Orchestrator, pick.ServiceUri);
        _sessions[stream] = session;
        return session;
    }

    /// <summary>
    /// A full orchestrator, or one that cannot do this ladder, is not at fault: it is skipped for this segment only, so the
    /// streams it already serves for us keep their sessions there (a suspension would move them all away).
    /// </summary>
    private void SuspendUnlessFull(Address orchestrator, OrchestratorCallException e)
    {
        // A timeout is slowness (a loaded machine), not a fault: suspending for one would leave streams source-only.
        if (!OrchestratorFailures.Of(e.Kind).Suspends) return;
        Suspend(orchestrator, e.Reason);
    }

    private void Suspend(Address orchestrator, string reason)
    {
        suspensions.Suspend(orchestrator);
        Metrics?.Suspensions.WithLabels(reason).Inc();
    }

    private async Task<TranscodeResult> SendAsync(BroadcastSession session, MediaSegment segment, IReadOnlyList<VideoProfile> profiles, CancellationToken ct)
    {
        var body = segment.Data.ToArray();
        var hash = Keccak256.Hash(body);
        var names = profiles.Select(p => p.Name).ToList();
        var duration = TimeSpan.FromMilliseconds(Math.Max(1, segment.DurationMs));
        var seg = new Proto.SegData
        {
            ManifestId = ByteString.CopyFromUtf8(segment.StreamName),
            Seq = segment.Sequence,
            Hash = ByteString.CopyFrom(hash.Bytes),
            Profiles = ByteString.CopyFrom(ProfileIds.Concat(names)),
            Duration = (int)duration.TotalMilliseconds,
            AuthToken = session.Info.AuthToken,
            Capabilities = NodeCapabilities.JobProto(NodeCapabilities.ForJob(profiles)),
            Sig = ByteString.CopyFrom(PersonalMessage.Sign(key, Keccak256.Hash(SegmentSigningMessage.Flatten(segment.StreamName, segment.Sequence, hash, names)).Bytes).ToArray()),
        };
        seg.FullProfiles3.Add(profiles.Select(ProfileWire.ToProto));

        TicketParams? parameters;
        try { parameters = session.Params; }
        catch (WireFormatException e) { throw new OrchestratorCallException(OrchestratorFailure.Malformed, $"{session.Candidate.ServiceUri} sent malformed ticket parameters: {e.Message}", e); }
        if (parameters is null && !OffChain)
            throw new OrchestratorCallException(OrchestratorFailure.Payment, $"{session.Candidate.ServiceUri} offered no ticket parameters: fund a deposit and reserve (livepeer broadcast fund).");
        var price = session.Info.PriceInfo ?? new Proto.PriceInfo { PricePerUnit = 0, PixelsPerUnit = 1 };
        var expectedPixels = profiles.Sum(p => (long)p.Width * p.Height * (long)Math.Ceiling((p.FrameRate ?? 30) * duration.TotalSeconds));
        var fee = Attowei.Fee(expectedPixels, (ulong)Math.Max(0, price.PricePerUnit), (ulong)Math.Max(1, price.PixelsPerUnit));
        // Off chain (no parameters offered) the payment is empty, as go-livepeer's: the header is "".
        // The parameters may have changed since the session began (a result carries fresh ones): checked on every payment.
        if (parameters is not null && Limits?.Refusal(parameters, session.Deposit) is { } changed)
            throw new OrchestratorCallException(OrchestratorFailure.TicketParams, $"{session.Candidate.ServiceUri} now offers tickets outside this broadcaster's limits: {changed}.");
        var payment = parameters is null ? null : session.Payments.Pay(parameters, fee);
        if (payment is not null && Limits?.Refusal(payment.Params, payment.Tickets.Count, session.Deposit) is { } tooMuch)
        {
            session.Payments.Revert(payment, fee);
            session.Payments.Answered();
            throw new OrchestratorCallException(OrchestratorFailure.TicketParams, $"{session.Candidate.ServiceUri}'s price needs more than this broadcaster pays per segment: {tooMuch}.");
        }
        Interlocked.Add(ref _ticketsSent, payment?.Tickets.Count ?? 0);
        Metrics?.TicketsSent.Inc(payment?.Tickets.Count ?? 0);

        var clock = Stopwatch.StartNew();
        Proto.TranscodeResult result;
        var wire = payment is null ? new Proto.Payment() : PaymentWire.ToProto(payment, (ulong)Math.Max(0, price.PricePerUnit), (ulong)Math.Max(1, price.PixelsPerUnit));
        try { result = await connection.SendSegmentAsync(new Uri(session.Info.Transcoder), seg, wire, body, duration, ct); }
        catch (OrchestratorCallException e) when (e.Kind == OrchestratorFailure.ExpiredParams && payment is not null)
        {
            session.Payments.Revert(payment, fee); // refused whole: the retry with fresh parameters must carry its tickets again
            throw;
        }
        finally { if (payment is not null) session.Payments.Answered(); }
        if (result.Info is { } fresh) session.Info = fresh;
        if (result.Data.Segments.Count != profiles.Count)
            throw new OrchestratorCallException(OrchestratorFailure.BadResult, $"{session.Orchestrator} returned {result.Data.Segments.Count} renditions for {profiles.Count} profiles.");
        var downloads = await Task.WhenAll(result.Data.Segments.Select(s => connection.DownloadAsync(s.Url, ct)));
        var profilesHash = Keccak256.Hash(seg.Profiles.Span);
        var resultHash = TranscodeResultHash.Of(downloads.Select(d => (ReadOnlyMemory<byte>)d));
        // go-livepeer's signature over the renditions, which every orchestrator gives; then the project's segment claim
        // (source, manifest, sequence too), which verification and slashing need, when the orchestrator gives one.
        RequireSignedBy(session.Orchestrator, resultHash, result.Data.Sig, "result");
        var hasClaim = !result.Data.ClaimSig.IsEmpty;
        if (hasClaim) RequireSignedBy(session.Orchestrator, SegmentClaim.Hash(segment.StreamName, segment.Sequence, profilesHash, hash, resultHash), result.Data.ClaimSig, "segment claim");
        // Settle on what the orchestrator charged (the pixels it produced; frame counts differ a little from the estimate),
        // or its balance drifts from ours until it refuses a segment for want of credit.
        var charged = Attowei.Fee(result.Data.Segments.Sum(r => Math.Max(0, r.Pixels)), (ulong)Math.Max(0, price.PricePerUnit), (ulong)Math.Max(1, price.PixelsPerUnit));
        session.Payments.Refund(fee - charged);
        Metrics?.FeesWei.Inc((double)charged / 1e18); // attowei to wei
        var elapsed = clock.Elapsed;
        if (!LatencyScore.AllowsReuse(elapsed, duration, options.MaxLatencyScorePercent))
            session.Slow = true; // too slow to keep up: choose again next segment, keeping this one as the fallback

        // After the round trip is measured: the checks are the broadcaster's work, not the orchestrator's latency.
        if (verification is not null && hasClaim && await verification.CheckAsync(new ResultUnderCheck(session.Orchestrator, segment.StreamName, segment.Sequence,
                (long)duration.TotalMilliseconds, body, hash, profilesHash, profiles, downloads, result.Data.Segments.Select(r => r.Pixels).ToList(), resultHash,
                result.Data.ClaimSig.ToByteArray()), ct) is { } failure)
            throw new OrchestratorCallException(OrchestratorFailure.FailedVerification, failure);

        var renditions = profiles.Select((p, i) =>
        {
            var pixels = result.Data.Segments[i].Pixels;
            return new RenditionSegment(p, downloads[i], FfmpegCommand.ContainerFor(p.Codec), pixels / Math.Max(1L, (long)p.Width * p.Height), pixels, null);
        }).ToList();
        return new TranscodeResult(segment, renditions, elapsed);
    }

    private static void RequireSignedBy(Address orchestrator, Hash message, Google.Protobuf.ByteString signature, string what)
    {
        Address signer;
        try { signer = PersonalMessage.Recover(message.Bytes, Signature.FromBytes(signature.Span)); }
        catch (InvalidSignatureException e) { throw new OrchestratorCallException(OrchestratorFailure.BadSignature, $"{orchestrator}'s {what} signature is malformed: {e.Message}"); }
        if (signer != orchestrator)
            throw new OrchestratorCallException(OrchestratorFailure.BadSignature, $"The {what} is signed by {signer}, not by the orchestrator {orchestrator}.");
    }

    private async Task<UInt256?> DepositAsync(CancellationToken ct)
    {
        if (Deposit is null) return null;
        try { return await Deposit(ct); }
        catch (Livepeer.Chain.Client.ChainUnavailableException e)
        {
            // The other limits still hold; the face value is bounded again once the chain answers (next session).
            _logger.DepositUnknown(e.Message);
            return null;
        }
    }


    /// <summary>Forgets a stream's session (when the stream ends) and, as go-livepeer's broadcaster, ends it at its orchestrator.</summary>
    public void EndStream(string stream)
    {
        Governor.End(stream);
        if (_sessions.TryRemove(stream, out var session) && session.Info.AuthToken is { } token)
            EndedSessions = EndSessionAsync(session, token);
    }

    /// <summary>The last EndTranscodingSession call started (completes when it is answered or has failed and been logged).</summary>
    public Task EndedSessions { get; private set; } = Task.CompletedTask;

    private async Task EndSessionAsync(BroadcastSession session, Proto.AuthToken token)
    {
        try { await connection.EndSessionAsync(session.Candidate.ServiceUri, token, CancellationToken.None); }
        catch (Exception e) when (e is OrchestratorCallException or OperationCanceledException or ObjectDisposedException or InvalidOperationException)
        {
            _logger.EndSessionFailed(session.Orchestrator, e.Message);
        }
    }
}

/// <summary>What the broadcaster saw of one orchestrator: segments, failures by reason, last round trip.</summary>
public sealed class OrchestratorStats
{
    private long _segments, _failures;
    private readonly ConcurrentDictionary<string, long> _byReason = new(StringComparer.Ordinal);

    /// <summary>Segments it transcoded for us.</summary>
    public long Segments => Interlocked.Read(ref _segments);
    /// <summary>Segments it failed.</summary>
    public long Failures => Interlocked.Read(ref _failures);
    /// <summary>Failures by reason.</summary>
    public IReadOnlyDictionary<string, long> FailuresByReason => _byReason;
    /// <summary>The last successful round trip.</summary>
    public TimeSpan LastRoundTrip { get; private set; }

    internal void Succeeded(TimeSpan roundTrip)
    {
        Interlocked.Increment(ref _segments);
        LastRoundTrip = roundTrip;
    }

    internal void Failed(string reason)
    {
        Interlocked.Increment(ref _failures);
        _byReason.AddOrUpdate(reason, 1, (_, n) => n + 1);
    }
}
