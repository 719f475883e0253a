using Livepeer.Media.Profiles;

namespace Livepeer.Media.Verification;

/// <summary>One rendition in a perceptual run: its file, profile, whether its audio is compared, and the tag naming its output files.</summary>
/// <param name="Path">The rendition file.</param>
/// <param name="Profile">Its profile (frame rate and aspect of the reference).</param>
/// <param name="Audio">True when its audio is decoded for correlation with the source's.</param>
/// <param name="Tag">Suffix of its output files (ren{Tag}.txt, ref{Tag}.txt, ren{Tag}.pcm).</param>
public sealed record PerceptualItem(string Path, VideoProfile Profile, bool Audio, string Tag);
