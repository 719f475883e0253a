using Livepeer.Media.Transcoding;

namespace Livepeer.Media.Codecs;

/// <summary>Every fact about one <see cref="OutputContainer"/>; rows live in <see cref="ContainerTable"/>.</summary>
/// <param name="Container">The container.</param>
/// <param name="Extension">File extension, without a dot.</param>
/// <param name="ContentType">HTTP content type.</param>
/// <param name="CarriesAac">True when the source's AAC audio is copied into it.</param>
/// <param name="WireFormat">go-livepeer's VideoProfile.Format number, or null when go has none (the encoder then names the container).</param>
/// <param name="Capability">The capability number for output in it (go-livepeer's, or this project's 960+).</param>
public sealed record ContainerInfo(OutputContainer Container, string Extension, string ContentType, bool CarriesAac, int? WireFormat, int Capability);

/// <summary>The one table of rendition containers; which codec goes in which is <see cref="VideoCodecInfo.Container"/>.</summary>
public static class ContainerTable
{
    /// <summary>Every container, in enum order.</summary>
    public static IReadOnlyList<ContainerInfo> All { get; } =
    [
        new(OutputContainer.MpegTs, "ts", "video/mp2t", CarriesAac: true, WireFormat: 0, Capability: 1),
        new(OutputContainer.Fmp4, "mp4", "video/mp4", CarriesAac: true, WireFormat: 1, Capability: 2),
        new(OutputContainer.WebM, "webm", "video/webm", CarriesAac: false, WireFormat: null, Capability: 961),
    ];

    /// <summary>The row for <paramref name="container"/>; an undefined enum value throws <see cref="ArgumentOutOfRangeException"/>.</summary>
    public static ContainerInfo Of(OutputContainer container) =>
        All.FirstOrDefault(c => c.Container == container) ?? throw new ArgumentOutOfRangeException(nameof(container), container, "No row in ContainerTable.");

    /// <summary>The container an HTTP content type names (parameters ignored), or null.</summary>
    public static ContainerInfo? FromContentType(string? contentType)
    {
        var media = contentType?.Split(';')[0].Trim();
        return All.FirstOrDefault(c => string.Equals(c.ContentType, media, StringComparison.OrdinalIgnoreCase));
    }
}
