using Livepeer.Media.Transcoding;

namespace Livepeer.Media.Codecs;

/// <summary>
/// The one table of rendition codecs: encoder, container, probe name, RFC 6381 CODECS prefix, Matroska id, go-livepeer wire and
/// capability numbers, HLS/DASH support. Callers read facts from here instead of switching on the codec; adding a codec is
/// one row plus its tests (CodecTableTests fails for a codec without a row or a row missing a fact).
/// </summary>
public static class CodecTable
{
    /// <summary>Every rendition codec, in enum order.</summary>
    public static IReadOnlyList<VideoCodecInfo> All { get; } =
    [
        new(VideoCodec.H264, "H.264", ["H264", "AVC", "LIBX264"], "libx264", OutputContainer.MpegTs, "h264", "avc1", "V_MPEG4/ISO/AVC",
            ["baseline", "main", "high"], WireEncoder: 0, EncodeCapability: 0, Hls: true, Dash: true),
        new(VideoCodec.Hevc, "HEVC", ["HEVC", "H265", "LIBX265"], "libx265", OutputContainer.MpegTs, "hevc", "hvc1", "V_MPEGH/ISO/HEVC",
            ["main", "main10"], WireEncoder: 1, EncodeCapability: 16, Hls: true, Dash: true),
        // VP8 has no MP4 mapping in ffmpeg 5.1, so WebM, which HLS cannot carry.
        new(VideoCodec.Vp8, "VP8", ["VP8", "LIBVPX"], "libvpx", OutputContainer.WebM, "vp8", "vp8", "V_VP8",
            [], WireEncoder: 2, EncodeCapability: 19, Hls: false, Dash: true),
        new(VideoCodec.Vp9, "VP9", ["VP9", "LIBVPX-VP9"], "libvpx-vp9", OutputContainer.Fmp4, "vp9", "vp09", "V_VP9",
            [], WireEncoder: 3, EncodeCapability: 20, Hls: true, Dash: true),
        // go-livepeer has AV1 in its wire enum but no capability for it: 960 is this project's.
        new(VideoCodec.Av1, "AV1", ["AV1", "LIBSVTAV1"], "libsvtav1", OutputContainer.Fmp4, "av1", "av01", "V_AV1",
            [], WireEncoder: 4, EncodeCapability: 960, Hls: true, Dash: true),
    ];

    /// <summary>The row for <paramref name="codec"/>; an undefined enum value throws <see cref="ArgumentOutOfRangeException"/>.</summary>
    public static VideoCodecInfo Of(VideoCodec codec) =>
        All.FirstOrDefault(c => c.Codec == codec) ?? throw new ArgumentOutOfRangeException(nameof(codec), codec, "No row in CodecTable.");

    /// <summary>The codec a profile's "encoder" name (any case) names, or null.</summary>
    public static VideoCodec? FromName(string name)
    {
        var upper = name.Trim().ToUpperInvariant();
        return All.FirstOrDefault(c => c.Names.Contains(upper))?.Codec;
    }

    /// <summary>The codec a Matroska/WebM CodecID names, or null.</summary>
    public static VideoCodecInfo? FromMatroskaId(string codecId) => All.FirstOrDefault(c => c.MatroskaCodecId == codecId);

    /// <summary>The codec go-livepeer's wire enum number names, or null when no row has it.</summary>
    public static VideoCodec? FromWire(int wireEncoder) => All.FirstOrDefault(c => c.WireEncoder == wireEncoder)?.Codec;

    /// <summary>The canonical "encoder" names, for messages.</summary>
    public static string NameList => string.Join(", ", All.Select(c => c.Names[0]));
}
