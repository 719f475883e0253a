using Livepeer.Media.Profiles;

namespace Livepeer.Media.Verification;

/// <summary>A rendition returned by an orchestrator, with the pixel count it claimed (and charged) for it.</summary>
/// <param name="Profile">The profile it was requested with.</param>
/// <param name="Data">The rendition bytes (MPEG-TS, fragmented MP4 or WebM, as the profile's codec dictates).</param>
/// <param name="ClaimedPixels">Pixels the orchestrator reported for this rendition.</param>
public sealed record RenditionUnderTest(VideoProfile Profile, ReadOnlyMemory<byte> Data, long ClaimedPixels);
