using System.Text.Json;
using Livepeer.Chain.Client;
using Livepeer.Core;
using Livepeer.Core.Crypto;
using Livepeer.Media.Verification;
using Livepeer.Node.Chains;
using Livepeer.Node.Evidence;
using Livepeer.Node.Services;
using Livepeer.Protocol.Engine;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Livepeer.Node.Verifier;

/// <summary>
/// A verifier node, run by a member of the verifier set governance appoints. It follows the ledger's
/// FailedVerificationReported events, downloads each evidence bundle, checks its hash against the report and the
/// orchestrator's signature over the claim (source and rendition hashes), re-runs the media checks on it with the
/// perceptual check on, and attests (AttestFailedVerification) only when they fail again; otherwise it declines and says why.
/// </summary>
public sealed class VerifierNode : IAsyncDisposable
{
    /// <summary>The event verifiers follow.</summary>
    public const string ReportEvent = "FailedVerificationReported";

    private readonly ILivepeerChain _chain;
    private readonly VerifierNodeOptions _options;
    private readonly SegmentVerifier _verifier;
    private readonly HttpClient _http;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly RecentLog<VerifierDecision> _decisions;
    private Task _loop = Task.CompletedTask;
    private long _nextBlock;

    private VerifierNode(ILivepeerChain chain, VerifierNodeOptions options, TimeProvider time, ILogger logger, HttpMessageHandler? handler)
    {
        (_chain, _options, _time, _logger) = (chain, options, time, logger);
        _verifier = new SegmentVerifier(options.Checks);
        _http = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
        _http.Timeout = options.DownloadTimeout;
        _http.MaxResponseContentBufferSize = options.MaxEvidenceBytes;
        _nextBlock = options.FromBlock;
        _decisions = new RecentLog<VerifierDecision>(options.RememberedDecisions, options.DecisionRetention, time);
    }

    /// <summary>The verifier's account (must be in the verifier set for its attestations to count).</summary>
    public Address Account => _chain.Account!.Value;

    /// <summary>Reports handled so far, oldest first.</summary>
    public IReadOnlyList<VerifierDecision> Decisions => _decisions.Items;

    /// <summary>Starts following the ledger, signing attestations with <paramref name="key"/>.</summary>
    public static async Task<VerifierNode> StartAsync(PrivateKey key, VerifierNodeOptions options, TimeProvider time, ILoggerFactory? loggers = null, HttpMessageHandler? handler = null)
    {
        options.Validate();
        var node = new VerifierNode(await options.Connector.ConnectAsync(key, time, CancellationToken.None), options, time,
            (loggers ?? NullLoggerFactory.Instance).CreateLogger<VerifierNode>(), handler);
        node._loop = node.RunAsync(time, node._stop.Token);
        node._logger.Following(key.Address, options.Connector.Describe, options.FromBlock);
        return node;
    }

    private async Task RunAsync(TimeProvider time, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try { await PollOnceAsync(ct); }
            catch (OperationCanceledException) when (ct.IsCancellationRequested) { return; }
            catch (Exception e) when (e is ChainUnavailableException or JsonRpcCallException or HttpRequestException or JsonException)
            {
                _logger.LedgerUnreadable(e.Message);
            }
            try { await Task.Delay(_options.Poll, time, ct); }
            catch (OperationCanceledException) { return; }
        }
    }

    /// <summary>Reads the blocks since the last poll and handles every report in them.</summary>
    public async Task PollOnceAsync(CancellationToken ct)
    {
        var head = await ChainLogs.HeadAsync(_chain, ct);
        if (head < _nextBlock) return;
        var to = Math.Min(head, _nextBlock + ChainLogs.MaxRange);
        foreach (var log in await ChainLogs.GetAsync(_chain, _nextBlock, to, [ReportEvent], ct))
        {
            var decision = await HandleAsync(log.Event.Args, ct);
            if (decision is null) continue;
            _decisions.Add(decision);
        }
        _nextBlock = to + 1;
    }

    private async Task<VerifierDecision?> HandleAsync(JsonElement args, CancellationToken ct)
    {
        Address transcoder;
        Hash evidence;
        string uri;
        try
        {
            transcoder = Address.Parse(args.GetProperty("transcoder").GetString()!);
            evidence = Hash.Parse(args.GetProperty("evidence").GetString()!);
            uri = args.GetProperty("evidenceUri").GetString()!;
        }
        catch (Exception e) when (e is KeyNotFoundException or FormatException or ArgumentException or InvalidOperationException)
        {
            _logger.MalformedEvent(ReportEvent, e.Message);
            return null;
        }
        var state = await _chain.GetEvidenceAsync(transcoder, evidence, ct);
        if (state.Settled) return Decline(transcoder, evidence, "already settled");

        VerificationReport report;
        EvidenceBundle bundle;
        try
        {
            if (!Uri.TryCreate(uri, UriKind.Absolute, out var where) || where.Scheme is not ("http" or "https"))
                throw new EvidenceException($"the evidence URI '{uri}' is not an http(s) URL");
            byte[] bytes;
            try { bytes = await _http.GetByteArrayAsync(where, ct); }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
            {
                throw new EvidenceException($"the evidence could not be downloaded from {uri}: {e.Message}", e);
            }
            if (EvidenceBundle.HashOf(bytes) != evidence) throw new EvidenceException($"the bundle at {uri} hashes to {EvidenceBundle.HashOf(bytes)}, not the reported {evidence}");
            bundle = EvidenceBundle.Parse(bytes);
            if (bundle.Orchestrator != transcoder) throw new EvidenceException($"the bundle accuses {bundle.Orchestrator}, the report {transcoder}");
            bundle.Authenticate();
            report = await _verifier.VerifyAsync(bundle.Source,
                bundle.Renditions.Select(r => new RenditionUnderTest(r.Profile, r.Data, r.ClaimedPixels)).ToList(), perceptual: true, ct);
        }
        catch (EvidenceException e) { return Decline(transcoder, evidence, e.Message); }
        catch (ArgumentException e) { return Decline(transcoder, evidence, $"the source in the bundle cannot be checked against: {e.Message}"); }

        if (report.Passed) return Decline(transcoder, evidence, "every rendition passed the checks again (pixels, format and perceptual)");
        var failures = string.Join("; ", report.Failures.Select(f => $"{f.Profile} {f.Check}: {f.Reason}"));
        try
        {
            // A report can land at a round boundary: initialize the round (anyone may) or wait out the lock, then attest.
            await RoundSafe.RunAsync(_chain, () => _chain.AttestFailedVerificationAsync(transcoder, evidence, ct), _time, ct);
        }
        catch (ChainTransactionException e) when (e.Error == ProtocolError.EvidenceAlreadySettled)
        {
            // The other verifiers got there first: k attestations already slashed; nothing is wrong.
            _logger.AlreadySlashed(transcoder, evidence);
            return new VerifierDecision(transcoder, evidence, false, $"the checks failed again ({failures}); already slashed by the other verifiers");
        }
        catch (ChainTransactionException e)
        {
            return Decline(transcoder, evidence, $"the checks failed again ({failures}) but the ledger refused the attestation: {e.Reason}: {e.Message}");
        }
        _logger.Attested(transcoder, evidence, failures);
        return new VerifierDecision(transcoder, evidence, true, failures);
    }

    private VerifierDecision Decline(Address transcoder, Hash evidence, string reason)
    {
        _logger.Declined(transcoder, evidence, reason);
        return new VerifierDecision(transcoder, evidence, false, reason);
    }

    /// <summary>Stops following the ledger.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _http.Dispose();
        _chain.Dispose();
        _stop.Dispose();
    }
}
