using Livepeer.Core;

namespace Livepeer.Node.Orchestrator.Results;

/// <summary>A segment sent again after it was answered: the answer given and what any other answer would be made of.</summary>
/// <param name="Previous">The signed answer already given.</param>
/// <param name="SessionId">The broadcaster session it came on.</param>
/// <param name="ManifestId">The stream.</param>
/// <param name="Seq">The segment's sequence number.</param>
/// <param name="ProfilesHash">keccak256 of the segment's profiles.</param>
/// <param name="SourceHash">keccak256 of the source bytes.</param>
/// <param name="Renditions">Where the renditions are served from.</param>
/// <param name="ServiceUri">The orchestrator's public URI (rendition URLs start with it).</param>
public sealed record RepeatedSegment(AnsweredSegment Previous, string SessionId, string ManifestId, long Seq, Hash ProfilesHash, Hash SourceHash,
    RenditionStore Renditions, Uri ServiceUri);
