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
using Livepeer.Wire.Segments;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Proto = Livepeer.Wire.Messages;

namespace Livepeer.Node.Broadcaster;

/// <summary>
/// The broadcaster's transcoder: the network. For each segment it reuses the stream's session while its latency score
/// stays at most 1, or picks an orchestrator by stake and chance within the price cap; pays with tickets, sends the
/// segment, checks the orchestrator's signature over the source and renditions, then (when given) the
/// <see cref="ResultVerification"/> checks, and on any failure suspends that orchestrator and
/// tries another, up to the attempt limit. When all fail it throws, and the pipeline keeps publishing the source.
/// </summary>
public sealed class NetworkTranscoder(
    PrivateKey key,
    IOrchestratorDirectory directory,
    OrchestratorConnection connection,
    OrchestratorSelector selector,
    SuspensionList suspensions,
    SelectionOptions options,
    ILogger<NetworkTranscoder>? logger = null,
    ResultVerification? verification = null) : ITranscoder
{
    private readonly ConcurrentDictionary<string, BroadcastSession> _sessions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Address, OrchestratorStats> _stats = new();
    private readonly ILogger _logger = logger ?? NullLogger<NetworkTranscoder>.Instance;

    /// <summary>The checks after the signature (evidence, findings), or null when not verifying.</summary>
    public ResultVerification? Verification => verification;

    /// <summary>Per-orchestrator counters for status pages.</summary>
    public IReadOnlyDictionary<Address, OrchestratorStats> Stats => _stats;

    /// <summary>Metrics moved per segment, attempt and payment, or null.</summary>
    public BroadcasterMetrics? Metrics { get; init; }

    /// <summary>Tickets sent over all sessions.</summary>
    public long TicketsSent => Interlocked.Read(ref _ticketsSent);
    private long _ticketsSent;

    /// <inheritdoc />
    public async Task<TranscodeResult> TranscodeAsync(MediaSegment segment, IReadOnlyList<VideoProfile> profiles, CancellationToken cancellationToken = default)
    {
        var tried = new HashSet<Address>();
        var refreshed = new HashSet<Address>();
        var errors = new List<string>();
        for (var attempt = 1; attempt <= options.MaxAttemptsPerSegment; attempt++)
        {
            BroadcastSession? session;
            try { session = await SessionForAsync(segment.StreamName, tried, cancellationToken); }
            catch (OrchestratorCallException e) { errors.Add(e.Message); continue; }
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
                return result;
            }
            catch (OrchestratorCallException e) when (e.Reason == "expired-params" && !refreshed.Contains(session.Candidate.Address))
            {
                // Not the orchestrator's fault: our ticket parameters aged out. Ask it for new ones and try it again.
                refreshed.Add(session.Candidate.Address);
                try
                {
                    var fresh = await connection.GetInfoAsync(session.Candidate.ServiceUri, cancellationToken);
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
                SuspendUnlessFull(session.Candidate.Address, e);
                _sessions.TryRemove(KeyValuePair.Create(segment.StreamName, session));
                _logger.LogWarning("Segment {Stream}/{Seq} failed on {Orchestrator} ({Reason}): {Message}", segment.StreamName, segment.Sequence, session.Orchestrator, e.Reason, e.Message);
            }
        }
        Metrics?.SegmentsNotTranscoded.Inc();
        throw new TranscodeException(TranscodeError.Unavailable,
            $"No orchestrator transcoded {segment.StreamName}/{segment.Sequence}: {(errors.Count == 0 ? "none available within the price cap" : string.Join("; ", errors))}");
    }

    private async Task<BroadcastSession?> SessionForAsync(string stream, HashSet<Address> tried, CancellationToken ct)
    {
        if (_sessions.TryGetValue(stream, out var current) && !tried.Contains(current.Candidate.Address) && !suspensions.IsSuspended(current.Candidate.Address))
            return current;
        var candidates = await directory.CandidatesAsync(ct);
        var pick = selector.Select(candidates, tried);
        if (pick is null) return null;
        tried.Add(pick.Address);
        Proto.OrchestratorInfo info;
        try { info = await connection.GetInfoAsync(pick.ServiceUri, ct); }
        catch (OrchestratorCallException e)
        {
            _stats.GetOrAdd(pick.Address, _ => new OrchestratorStats()).Failed(e.Reason);
            Metrics?.SegmentFailures.WithLabels(e.Reason).Inc();
            SuspendUnlessFull(pick.Address, e);
            throw;
        }
        var address = info.Address.Length == Address.Length ? new Address(info.Address.Span) : pick.Address;
        if (options.MaxPricePerUnit is { } max && info.PriceInfo is { } price && price.PixelsPerUnit > 0 &&
            !(pick with { PricePerUnit = (ulong)price.PricePerUnit, PixelsPerUnit = (ulong)price.PixelsPerUnit }).PriceAtMost(max, options.MaxPixelsPerUnit))
        {
            throw new OrchestratorCallException("price", $"{pick.ServiceUri} asks {price.PricePerUnit} wei per {price.PixelsPerUnit} pixels, above the cap.");
        }
        var session = new BroadcastSession(pick, address, info, new PaymentSender(key));
        _sessions[stream] = session;
        return session;
    }

    /// <summary>
    /// A full orchestrator is not at fault: it is skipped for this segment only, so the streams it already serves for us
    /// keep their sessions there (a suspension would move them all away).
    /// </summary>
    private void SuspendUnlessFull(Address orchestrator, OrchestratorCallException e)
    {
        if (e.Reason != "at-capacity") suspensions.Suspend(orchestrator);
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
            Sig = ByteString.CopyFrom(PersonalMessage.Sign(key, Keccak256.Hash(SegmentSigningMessage.Flatten(segment.StreamName, segment.Sequence, hash, names)).Bytes).ToArray()),
        };
        seg.FullProfiles3.Add(profiles.Select(ProfileWire.ToProto));

        var parameters = session.Params ?? throw new OrchestratorCallException("payment", $"{session.Candidate.ServiceUri} offered no ticket parameters: fund a deposit and reserve (livepeer broadcast fund).");
        var price = session.Info.PriceInfo ?? new Proto.PriceInfo { PricePerUnit = 0, PixelsPerUnit = 1 };
        var expectedPixels = profiles.Sum(p => (long)p.Width * p.Height * (long)Math.Ceiling((p.FrameRate ?? 30) * duration.TotalSeconds));
        var fee = Attowei.Fee(expectedPixels, (ulong)Math.Max(0, price.PricePerUnit), (ulong)Math.Max(1, price.PixelsPerUnit));
        var payment = session.Payments.Pay(parameters, fee);
        Interlocked.Add(ref _ticketsSent, payment.Tickets.Count);
        Metrics?.TicketsSent.Inc(payment.Tickets.Count);

        var clock = Stopwatch.StartNew();
        Proto.TranscodeResult result;
        try { result = await connection.SendSegmentAsync(new Uri(session.Info.Transcoder), seg, PaymentWire.ToProto(payment, (ulong)Math.Max(0, price.PricePerUnit), (ulong)Math.Max(1, price.PixelsPerUnit)), body, duration, ct); }
        catch (OrchestratorCallException e) when (e.Reason == "expired-params")
        {
            session.Payments.Revert(payment, fee); // refused whole: the retry with fresh parameters must carry its tickets again
            throw;
        }
        finally { session.Payments.Answered(); }
        if (result.Info is { } fresh) session.Info = fresh;
        if (result.Data.Segments.Count != profiles.Count)
            throw new OrchestratorCallException("bad-result", $"{session.Orchestrator} returned {result.Data.Segments.Count} renditions for {profiles.Count} profiles.");
        var downloads = await Task.WhenAll(result.Data.Segments.Select(s => connection.DownloadAsync(s.Url, ct)));
        var profilesHash = Keccak256.Hash(seg.Profiles.Span);
        var resultHash = TranscodeResultHash.Of(downloads.Select(d => (ReadOnlyMemory<byte>)d));
        var claim = SegmentClaim.Hash(segment.StreamName, segment.Sequence, profilesHash, hash, resultHash);
        Address signer;
        try { signer = PersonalMessage.Recover(claim.Bytes, Signature.FromBytes(result.Data.Sig.Span)); }
        catch (InvalidSignatureException e) { throw new OrchestratorCallException("bad-signature", $"{session.Orchestrator}'s result signature is malformed: {e.Message}"); }
        if (signer != session.Orchestrator)
            throw new OrchestratorCallException("bad-signature", $"The renditions are signed by {signer}, not by the orchestrator {session.Orchestrator}.");
        // Settle on what the orchestrator charged (the pixels it produced; frame counts differ a little from the estimate),
        // or its balance drifts from ours until it refuses a segment for want of credit.
        var charged = Attowei.Fee(result.Data.Segments.Sum(r => Math.Max(0, r.Pixels)), (ulong)Math.Max(0, price.PricePerUnit), (ulong)Math.Max(1, price.PixelsPerUnit));
        session.Payments.Refund(fee - charged);
        Metrics?.FeesWei.Inc((double)charged / 1e18); // attowei to wei
        var elapsed = clock.Elapsed;
        if (!LatencyScore.AllowsReuse(elapsed, duration, options.MaxLatencyScorePercent))
            _sessions.TryRemove(KeyValuePair.Create(segment.StreamName, session)); // too slow to keep up: choose again next segment

        // After the round trip is measured: the checks are the broadcaster's work, not the orchestrator's latency.
        if (verification is not null && await verification.CheckAsync(new ResultUnderCheck(session.Orchestrator, segment.StreamName, segment.Sequence,
                (long)duration.TotalMilliseconds, body, hash, profilesHash, profiles, downloads, result.Data.Segments.Select(r => r.Pixels).ToList(), resultHash,
                result.Data.Sig.ToByteArray()), ct) is { } failure)
            throw new OrchestratorCallException("failed-verification", failure);

        var renditions = profiles.Select((p, i) =>
        {
            var pixels = result.Data.Segments[i].Pixels;
            return new RenditionSegment(p, downloads[i], FfmpegCommand.ContainerFor(p.Codec), pixels / Math.Max(1L, (long)p.Width * p.Height), pixels, null);
        }).ToList();
        return new TranscodeResult(segment, renditions, elapsed);
    }

    /// <summary>Forgets a stream's session (when the stream ends).</summary>
    public void EndStream(string stream) => _sessions.TryRemove(stream, out _);
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
