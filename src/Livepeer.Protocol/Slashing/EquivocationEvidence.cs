namespace Livepeer.Protocol.Slashing;

/// <summary>Two different results signed by one orchestrator for the same segment (manifest id, seq, profiles).</summary>
public sealed record EquivocationEvidence(Address Orchestrator, string ManifestId, long Seq, Hash ProfilesHash, SignedResult First, SignedResult Second);
