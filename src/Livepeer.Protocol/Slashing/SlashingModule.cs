namespace Livepeer.Protocol.Slashing;

/// <summary>
/// Slashing: equivocation (two different results signed for one source segment) by anyone, and failed verification
/// reported by anyone (the finder) and slashed when k of the n verifiers chosen by governance attest. Each
/// segment/evidence is slashed at most once.
/// </summary>
public static class SlashingModule
{
    /// <summary>Checks the evidence and slashes; the caller is the finder.</summary>
    public static void SlashEquivocation(CallContext ctx, EquivocationEvidence e)
    {
        ctx.RequireRoundInitialized();
        var s = ctx.State;
        CallContext.Require(e.First is not null && e.Second is not null && e.ManifestId is not null, ProtocolError.InvalidEvidence, "evidence needs two signed results");
        CallContext.Require(!e.Orchestrator.IsZero, ProtocolError.InvalidEvidence, "evidence names no orchestrator");
        CallContext.Require(e.Seq >= 0, ProtocolError.InvalidEvidence, $"segment numbers are unsigned, got {e.Seq}");
        CallContext.Require(e.First!.ResultHash != e.Second!.ResultHash, ProtocolError.InvalidEvidence,
            "both results have the same hash: signing the same result twice is not equivocation");
        // Different sources under one number are two segments (the broadcaster signed both), not two answers to one.
        CallContext.Require(e.First.SourceHash == e.Second.SourceHash, ProtocolError.InvalidEvidence,
            "the two results are for different source segments: an orchestrator may answer each source once");
        foreach (var r in new[] { e.First, e.Second })
        {
            var claim = SegmentClaim.Hash(e.ManifestId!, e.Seq, e.ProfilesHash, r.SourceHash, r.ResultHash);
            CallContext.Require(EthereumSignedMessage.IsSignedBy(ctx.Signatures, claim, r.Signature ?? [], e.Orchestrator), ProtocolError.InvalidEvidence,
                $"result {r.ResultHash} is not signed by {e.Orchestrator} for segment {e.ManifestId}/{e.Seq}");
        }
        var key = SegmentClaim.SegmentKey(e.Orchestrator, e.ManifestId!, e.Seq, e.ProfilesHash);
        CallContext.Require(!s.SettledEvidence.Contains(key), ProtocolError.EvidenceAlreadySettled, "this segment's equivocation was already slashed");
        s.SettledEvidence.Set(key, true);
        var p = ctx.Parameters;
        BondingManager.SlashTranscoder(ctx, e.Orchestrator, ctx.Caller, p.EquivocationSlashFraction, p.FinderFee, "equivocation");
    }

    /// <summary>Longest evidence URI a report may carry, in UTF-8 bytes.</summary>
    public const int MaxEvidenceUriLength = 512;

    /// <summary>1 to 512 UTF-8 bytes with at least one byte that is not ASCII whitespace (the contract's byte-level rule).</summary>
    public static bool IsValidEvidenceUri(string? uri)
    {
        if (uri is null) return false;
        var bytes = System.Text.Encoding.UTF8.GetBytes(uri);
        return bytes.Length is >= 1 and <= MaxEvidenceUriLength && bytes.Any(b => b is not ((>= 0x09 and <= 0x0D) or 0x20));
    }

    /// <summary>Records a failed verification for the verifiers; the caller becomes the finder.</summary>
    public static void ReportFailedVerification(CallContext ctx, Address transcoder, Hash evidence, string? evidenceUri)
    {
        ctx.RequireRoundInitialized();
        var s = ctx.State;
        CallContext.Require(!transcoder.IsZero, ProtocolError.InvalidAddress, "no transcoder named");
        CallContext.Require(!evidence.IsZero, ProtocolError.InvalidEvidence, "the evidence hash is zero: give keccak256 of the evidence bundle");
        CallContext.Require(IsValidEvidenceUri(evidenceUri), ProtocolError.InvalidEvidence,
            $"give the URI where verifiers download the evidence (1 to {MaxEvidenceUriLength} UTF-8 bytes, not only whitespace)");
        var key = EvidenceKey(transcoder, evidence);
        CallContext.Require(!s.SettledEvidence.Contains(key), ProtocolError.EvidenceAlreadySettled, "this failed verification was already slashed");
        CallContext.Require(!s.FailedVerificationReports.Contains(key), ProtocolError.AlreadyReported, "this evidence was already reported");
        CallContext.Require(!s.DelegatorOf(transcoder).DelegatedAmount.IsZero, ProtocolError.NothingToSlash, $"{transcoder} has no stake to slash");
        s.FailedVerificationReports.Set(key, new FailedVerificationReport(ctx.Caller, ctx.CurrentRound));
        ctx.Emit(new FailedVerificationReported(transcoder, evidence, ctx.Caller, evidenceUri!));
    }

    /// <summary>A verifier's attestation of reported evidence; the k-th slashes and pays the reporter the finder fee.</summary>
    public static void AttestFailedVerification(CallContext ctx, Address transcoder, Hash evidence)
    {
        ctx.RequireRoundInitialized();
        var s = ctx.State;
        var g = s.Governance.Value;
        CallContext.Require(g.Verifiers.Contains(ctx.Caller), ProtocolError.NotAVerifier, $"{ctx.Caller} is not in the verifier set");
        CallContext.Require(!transcoder.IsZero, ProtocolError.InvalidAddress, "no transcoder named");
        var key = EvidenceKey(transcoder, evidence);
        CallContext.Require(!s.SettledEvidence.Contains(key), ProtocolError.EvidenceAlreadySettled, "this failed verification was already slashed");
        var report = s.FailedVerificationReports.Get(key);
        CallContext.Require(report is not null, ProtocolError.UnknownEvidence, $"no failed verification of {transcoder} was reported with evidence {evidence}");
        CallContext.Require(!s.Attestations.Contains((key, ctx.Caller)), ProtocolError.AlreadyAttested, "you already attested this evidence");
        CallContext.Require(!s.DelegatorOf(transcoder).DelegatedAmount.IsZero, ProtocolError.NothingToSlash, $"{transcoder} has no stake to slash");
        s.Attestations.Set((key, ctx.Caller), true);
        var count = s.AttestationCounts.Get(key) + 1;
        s.AttestationCounts.Set(key, count);
        ctx.Emit(new FailedVerificationAttested(transcoder, evidence, ctx.Caller, count, g.VerifierThreshold));
        if (count >= g.VerifierThreshold)
        {
            s.SettledEvidence.Set(key, true);
            var p = ctx.Parameters;
            BondingManager.SlashTranscoder(ctx, transcoder, report!.Reporter, p.FailedVerificationSlashFraction, p.FinderFee, "failed verification");
        }
    }

    /// <summary>Identity of an attested failure: keccak256(transcoder | evidence).</summary>
    public static Hash EvidenceKey(Address transcoder, Hash evidence) =>
        Core.Crypto.Keccak256.HashConcat(transcoder.ToArray(), evidence.ToArray());
}
