using System.Text.Json;
using Livepeer.Chain.Execution;
using Livepeer.Core;
using Livepeer.Core.Crypto;
using Livepeer.Protocol.Slashing;
using Livepeer.Wire.Segments;

namespace Livepeer.Node.Evidence;

/// <summary>
/// What a broadcaster keeps when an orchestrator's result fails verification, so anyone can re-check it: the segment
/// (stream, seq, duration, profiles), the source bytes, every rendition's bytes and claimed pixels, the orchestrator's
/// signature over the <see cref="SegmentClaim"/> and the failures seen. The canonical form is the UTF-8 JSON written by
/// <see cref="ToBytes"/> (camelCase, hashes and bytes as 0x hex); the evidence hash reported on the ledger is keccak256
/// of exactly those bytes. Because the orchestrator signed the source hash and the rendition hashes, the finder cannot
/// swap in another source or other renditions without the signature check failing.
/// </summary>
public sealed record EvidenceBundle(
    int Version,
    Address Orchestrator,
    Address Finder,
    string ManifestId,
    long Seq,
    long DurationMs,
    Hash SourceHash,
    byte[] Source,
    IReadOnlyList<EvidenceRendition> Renditions,
    Hash ResultHash,
    byte[] Signature,
    bool Perceptual,
    IReadOnlyList<EvidenceFailure> Failures)
{
    /// <summary>The format version written.</summary>
    public const int CurrentVersion = 1;

    /// <summary>The canonical bytes (what is stored, served and hashed).</summary>
    public byte[] ToBytes() => JsonSerializer.SerializeToUtf8Bytes(this, ProtocolJson.Options);

    /// <summary>keccak256 of the canonical bytes: the evidence hash on the ledger.</summary>
    public static Hash HashOf(ReadOnlySpan<byte> canonical) => Keccak256.Hash(canonical);

    /// <summary>keccak256(ProfileIds of the profile names in order): the profiles hash in the claim.</summary>
    public Hash ProfilesHash => Keccak256.Hash(ProfileIds.Concat(Renditions.Select(r => r.Profile.Name)));

    /// <summary>Reads a bundle; throws <see cref="EvidenceException"/> when the bytes are not one.</summary>
    public static EvidenceBundle Parse(ReadOnlySpan<byte> canonical)
    {
        EvidenceBundle? bundle;
        try { bundle = JsonSerializer.Deserialize<EvidenceBundle>(canonical, ProtocolJson.Options); }
        catch (Exception e) when (e is JsonException or FormatException or ArgumentException or InvalidOperationException)
        {
            throw new EvidenceException($"The evidence is not a bundle: {e.Message}", e);
        }
        if (bundle is null || bundle.Version != CurrentVersion || bundle.Source is null || bundle.Renditions is null || bundle.Signature is null
            || bundle.ManifestId is null || bundle.Renditions.Any(r => r?.Data is null || r.Profile is null))
            throw new EvidenceException($"The evidence bundle is incomplete or of an unknown version (this node reads version {CurrentVersion}).");
        return bundle;
    }

    /// <summary>
    /// Checks that the bytes are what the orchestrator signed: the source and rendition hashes match the bytes, the result
    /// hash matches the renditions, and the signature over the claim recovers to <see cref="Orchestrator"/>. Throws
    /// <see cref="EvidenceException"/> naming what does not match.
    /// </summary>
    public void Authenticate()
    {
        if (Keccak256.Hash(Source) != SourceHash) throw new EvidenceException("The source bytes do not hash to the bundle's source hash.");
        foreach (var r in Renditions)
            if (Keccak256.Hash(r.Data) != r.Hash) throw new EvidenceException($"Rendition {r.Profile.Name}'s bytes do not hash to its recorded hash.");
        if (TranscodeResultHash.OfRenditionHashes(Renditions.Select(r => r.Hash)) != ResultHash)
            throw new EvidenceException("The result hash is not the hash of the renditions.");
        var claim = SegmentClaim.Hash(ManifestId, Seq, ProfilesHash, SourceHash, ResultHash);
        Address signer;
        try { signer = PersonalMessage.Recover(claim.Bytes, Core.Crypto.Signature.FromBytes(Signature)); }
        catch (InvalidSignatureException e) { throw new EvidenceException($"The orchestrator's signature is malformed: {e.Message}", e); }
        if (signer != Orchestrator) throw new EvidenceException($"The claim is signed by {signer}, not by the accused orchestrator {Orchestrator}.");
    }
}
