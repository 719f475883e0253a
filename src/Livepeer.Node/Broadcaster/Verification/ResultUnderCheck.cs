using Livepeer.Core;
using Livepeer.Media.Profiles;

namespace Livepeer.Node.Broadcaster.Verification;

/// <summary>An orchestrator's signed result for one segment, as the broadcaster received it (signature already checked).</summary>
public sealed record ResultUnderCheck(
    Address Orchestrator,
    string ManifestId,
    long Seq,
    long DurationMs,
    byte[] Source,
    Hash SourceHash,
    Hash ProfilesHash,
    IReadOnlyList<VideoProfile> Profiles,
    IReadOnlyList<byte[]> Renditions,
    IReadOnlyList<long> ClaimedPixels,
    Hash ResultHash,
    byte[] Signature);
