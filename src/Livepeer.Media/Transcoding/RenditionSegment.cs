using Livepeer.Media.Codecs;
using Livepeer.Media.Profiles;

namespace Livepeer.Media.Transcoding;

/// <summary>One transcoded rendition of a segment.</summary>
/// <param name="Profile">The profile it was encoded with.</param>
/// <param name="Data">The encoded segment bytes in <paramref name="Container"/>.</param>
/// <param name="Container">MPEG-TS, fragmented MP4 or WebM.</param>
/// <param name="Frames">Video frames in the output.</param>
/// <param name="Pixels">Frames x width x height, the unit Livepeer charges for.</param>
/// <param name="Signature">MPEG-7 video signature (ffmpeg's binary format) when requested, else null.</param>
public sealed record RenditionSegment(
    VideoProfile Profile,
    byte[] Data,
    OutputContainer Container,
    long Frames,
    long Pixels,
    byte[]? Signature)
{
    /// <summary>The HTTP content type of <see cref="Data"/>.</summary>
    public string ContentType => ContainerTable.Of(Container).ContentType;

    /// <summary>File extension for the container, without a dot.</summary>
    public string Extension => ContainerTable.Of(Container).Extension;
}
