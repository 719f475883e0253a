namespace Livepeer.Media.Verification;

/// <summary>How <see cref="SegmentVerifier"/> measures a rendition's codec, size, frames and frame rate on segments that are not sampled for the perceptual check.</summary>
public enum FormatCheckMode
{
    /// <summary>Read them from the container (<see cref="ContainerProbe"/>): no process, no decode, about a millisecond per rendition.</summary>
    Container,
    /// <summary>Decode every frame with ffprobe, as sampled segments always do: catches bitstream errors, costs a process and a decode.</summary>
    Decode,
}
