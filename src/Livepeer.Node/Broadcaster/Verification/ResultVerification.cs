using System.Collections.Concurrent;
using Livepeer.Chain.Client;
using Livepeer.Media.Verification;
using Livepeer.Node.Evidence;
using Livepeer.Node.Services;
using Livepeer.Protocol.Slashing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Livepeer.Node.Broadcaster.Verification;

/// <summary>
/// The broadcaster's checks after the signature: equivocation against the results already received for the segment, the
/// media library's pixel/format checks on every segment and its perceptual check on the sampled share. A failure is
/// returned as a reason (the caller suspends the orchestrator and retries elsewhere); a failed media check is kept as an
/// evidence bundle and reported on the ledger (ReportFailedVerification); equivocation is slashed at once (SlashEquivocation).
/// Ledger calls run in the background so the segment's retry is not delayed by block times.
/// </summary>
public sealed class ResultVerification
{
    private readonly ResultVerificationOptions _options;
    private readonly SegmentVerifier _verifier;
    private readonly SignedResultLog _signed;
    private readonly ILivepeerChain? _chain;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly RecentLog<VerificationFinding> _findings;
    private readonly ConcurrentDictionary<Task, byte> _pending = new();
    private long _checked, _perceptual, _unavailable;
    private int _warnedUnavailable;

    /// <summary>Creates the step; <paramref name="chain"/> (signing as the broadcaster) reports and slashes, null: findings are only kept.</summary>
    public ResultVerification(ResultVerificationOptions options, ILivepeerChain? chain, ILogger<ResultVerification>? logger = null, TimeProvider? time = null)
    {
        options.Validate();
        _options = options;
        _time = time ?? TimeProvider.System;
        _verifier = new SegmentVerifier(options.EffectiveChecks());
        _signed = new SignedResultLog(options.RememberedResults);
        _findings = new RecentLog<VerificationFinding>(options.RememberedFindings, options.FindingRetention, _time);
        Evidence = new EvidenceStore(options.EvidenceDirectory ?? Path.Combine(Path.GetTempPath(), "livepeer-evidence-" + (chain?.Account?.ToString() ?? "local")), options.MaxEvidenceBundles);
        _chain = chain;
        _logger = logger ?? NullLogger<ResultVerification>.Instance;
    }

    /// <summary>Evidence bundles kept (served at GET /api/evidence/{hash}).</summary>
    public EvidenceStore Evidence { get; }

    /// <summary>The broadcaster's HTTP base address, for evidence URIs in reports (set once the server listens).</summary>
    public Uri? EvidenceBaseUri { get; set; }

    /// <summary>Results caught so far, oldest first.</summary>
    public IReadOnlyList<VerificationFinding> Findings => _findings.Items;

    /// <summary>Results that got the media checks.</summary>
    public long Checked => Interlocked.Read(ref _checked);

    /// <summary>Of those, results that got the perceptual check too.</summary>
    public long CheckedPerceptually => Interlocked.Read(ref _perceptual);

    /// <summary>Waits for the ledger calls started so far (tests, shutdown).</summary>
    public Task DrainAsync() => Task.WhenAll(_pending.Keys);

    /// <summary>Checks a result whose signature is already verified; returns why it is refused, or null when it passes.</summary>
    public async Task<string?> CheckAsync(ResultUnderCheck r, CancellationToken ct)
    {
        var segmentKey = SegmentClaim.SegmentKey(r.Orchestrator, r.ManifestId, r.Seq, r.ProfilesHash);
        var mine = new SignedResult(r.SourceHash, r.ResultHash, r.Signature);
        if (_signed.Record(segmentKey, mine) is { } earlier)
        {
            var reason = $"{r.Orchestrator} signed two different results for {r.ManifestId}/{r.Seq} ({earlier.ResultHash} and {r.ResultHash})";
            var evidence = new EquivocationEvidence(r.Orchestrator, r.ManifestId, r.Seq, r.ProfilesHash, earlier, mine);
            var finding = new VerificationFinding(r.Orchestrator, r.ManifestId, r.Seq, "equivocation", segmentKey, reason);
            _findings.Add(finding);
            _logger.Equivocation(reason);
            Submit(finding, c => c.SlashEquivocationAsync(evidence, CancellationToken.None));
            return "equivocation: " + reason;
        }
        if (!_options.Enabled) return null;

        var perceptual = _options.Perceptual && _verifier.SamplesPerceptually(r.ManifestId, r.Seq);
        VerificationReport report;
        try
        {
            report = await _verifier.VerifyAsync(r.Source, r.Profiles.Select((p, i) => new RenditionUnderTest(p, r.Renditions[i], r.ClaimedPixels[i])).ToList(), perceptual, ct);
        }
        catch (VerificationUnavailableException e)
        {
            // Not the orchestrator's fault: say so once and let results through on their signature alone.
            Interlocked.Increment(ref _unavailable);
            if (Interlocked.Exchange(ref _warnedUnavailable, 1) == 0) _logger.VerificationUnavailable(e.Message);
            return null;
        }
        catch (ArgumentException e)
        {
            _logger.CannotVerify(r.ManifestId, r.Seq, e.Message);
            return null;
        }
        Interlocked.Increment(ref _checked);
        if (perceptual) Interlocked.Increment(ref _perceptual);
        if (report.Passed) return null;

        var failures = report.Failures.Select(f => new EvidenceFailure(f.Profile, f.Check.ToString(), f.Reason)).ToList();
        var summary = string.Join("; ", failures.Select(f => $"{f.Profile} {f.Check}: {f.Reason}"));
        var bundle = new EvidenceBundle(EvidenceBundle.CurrentVersion, r.Orchestrator, _chain?.Account ?? default, r.ManifestId, r.Seq, r.DurationMs,
            r.SourceHash, r.Source, r.Profiles.Select((p, i) => new EvidenceRendition(p, r.ClaimedPixels[i], Core.Crypto.Keccak256.Hash(r.Renditions[i]), r.Renditions[i])).ToList(),
            r.ResultHash, r.Signature, perceptual, failures);
        var hash = await Evidence.PutAsync(bundle, ct);
        var found = new VerificationFinding(r.Orchestrator, r.ManifestId, r.Seq, "failed-verification", hash, summary);
        _findings.Add(found);
        _logger.FailedVerification(r.ManifestId, r.Seq, r.Orchestrator, summary, hash);
        if (_options.ReportOnChain)
        {
            if (EvidenceBaseUri is { } baseUri)
            {
                var uri = new Uri(baseUri, "/api/evidence/" + hash).ToString();
                Submit(found, c => c.ReportFailedVerificationAsync(r.Orchestrator, hash, uri, CancellationToken.None));
            }
            else found.ChainError = "not reported: the broadcaster has no HTTP address to serve the evidence from";
        }
        return "failed verification: " + summary;
    }

    private void Submit(VerificationFinding finding, Func<ILivepeerChain, Task<ChainReceipt>> send)
    {
        if (_chain is null)
        {
            finding.ChainError = "not sent: the broadcaster has no ledger client";
            return;
        }
        var task = Task.Run(async () =>
        {
            try
            {
                // Short devnet rounds: the round may need initializing (anyone may) or be locked for a moment.
                finding.Transaction = (await RoundSafe.RunAsync(_chain, () => send(_chain), _time, CancellationToken.None)).TransactionHash;
                _logger.FindingOnLedger(finding.Kind, finding.Orchestrator, finding.ManifestId, finding.Seq, finding.Transaction);
            }
            catch (Exception e) when (e is ChainTransactionException or ChainUnavailableException or HttpRequestException)
            {
                finding.ChainError = e.Message;
                _logger.FindingRefused(finding.Kind, finding.Orchestrator, e.Message);
            }
        });
        _pending[task] = 0;
        task.ContinueWith(t => _pending.TryRemove(t, out _), TaskScheduler.Default);
    }
}
