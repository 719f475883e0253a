using Livepeer.Core;
using Livepeer.Protocol.Bonding;
using Livepeer.Protocol.Engine;
using Livepeer.Protocol.Events;
using Livepeer.Protocol.Signing;

namespace Livepeer.Protocol.Slashing;

/// <summary>
/// Slashing: equivocation (two different results signed for one segment) by anyone, and failed verification when k of
/// the n verifiers chosen by governance attest. Each segment/evidence is slashed at most once.
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
        CallContext.Require(e.First!.ResultHash != e.Second!.ResultHash, ProtocolError.InvalidEvidence,
            "both results have the same hash: signing the same result twice is not equivocation");
        foreach (var r in new[] { e.First, e.Second })
        {
            var claim = SegmentClaim.Hash(e.ManifestId!, e.Seq, e.ProfilesHash, r.ResultHash);
            CallContext.Require(EthereumSignedMessage.IsSignedBy(ctx.Signatures, claim, r.Signature ?? [], e.Orchestrator), ProtocolError.InvalidEvidence,
                $"result {r.ResultHash} is not signed by {e.Orchestrator} for segment {e.ManifestId}/{e.Seq}");
        }
        var key = SegmentClaim.SegmentKey(e.Orchestrator, e.ManifestId!, e.Seq, e.ProfilesHash);
        CallContext.Require(!s.SettledEvidence.Contains(key), ProtocolError.EvidenceAlreadySettled, "this segment's equivocation was already slashed");
        s.SettledEvidence.Set(key, true);
        var p = ctx.Parameters;
        BondingManager.SlashTranscoder(ctx, e.Orchestrator, ctx.Caller, p.EquivocationSlashFraction, p.FinderFee, "equivocation");
    }

    /// <summary>A verifier's attestation; the k-th attestation of the same evidence slashes (finder: that verifier).</summary>
    public static void AttestFailedVerification(CallContext ctx, Address transcoder, Hash evidence)
    {
        ctx.RequireRoundInitialized();
        var s = ctx.State;
        var g = s.Governance.Value;
        CallContext.Require(g.Verifiers.Contains(ctx.Caller), ProtocolError.NotAVerifier, $"{ctx.Caller} is not in the verifier set");
        CallContext.Require(!transcoder.IsZero, ProtocolError.InvalidAddress, "no transcoder named");
        var key = EvidenceKey(transcoder, evidence);
        CallContext.Require(!s.SettledEvidence.Contains(key), ProtocolError.EvidenceAlreadySettled, "this failed verification was already slashed");
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
            BondingManager.SlashTranscoder(ctx, transcoder, ctx.Caller, p.FailedVerificationSlashFraction, p.FinderFee, "failed verification");
        }
    }

    /// <summary>Identity of an attested failure: keccak256(transcoder | evidence).</summary>
    public static Hash EvidenceKey(Address transcoder, Hash evidence) =>
        Core.Crypto.Keccak256.HashConcat(transcoder.ToArray(), evidence.ToArray());
}
