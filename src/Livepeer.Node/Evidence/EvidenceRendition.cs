using Livepeer.Core;
using Livepeer.Media.Profiles;

namespace Livepeer.Node.Evidence;

/// <summary>One rendition in an evidence bundle: the profile it was asked for, the pixels the orchestrator claimed, its bytes and their keccak256.</summary>
public sealed record EvidenceRendition(VideoProfile Profile, long ClaimedPixels, Hash Hash, byte[] Data);
