using Livepeer.Media.MpegTs;

namespace Livepeer.Media.Codecs;

/// <summary>What ingest knows about one <see cref="IngestCodec"/>: how FLV/RTMP and MPEG-TS name it and how its NAL units read.</summary>
/// <param name="Codec">The codec.</param>
/// <param name="ProbeName">ffprobe's codec name, also <see cref="Segmenting.SegmentTracks.VideoCodec"/>.</param>
/// <param name="TsStreamType">The PMT stream type that carries it in MPEG-TS.</param>
/// <param name="FlvCodecId">The legacy FLV video codec id (12 is the pre-Enhanced-RTMP HEVC extension).</param>
/// <param name="FourCc">The Enhanced RTMP FourCC.</param>
/// <param name="SpsNalType">The NAL unit type of its sequence parameter set.</param>
/// <param name="Output">The same codec as a rendition codec.</param>
public sealed record IngestCodecInfo(IngestCodec Codec, string ProbeName, TsStreamType TsStreamType, int FlvCodecId, string FourCc, int SpsNalType, VideoCodec Output);

/// <summary>
/// The codecs ingest accepts (H.264 and HEVC), one row each. Anything else is refused with a reason by the caller, never
/// guessed; adding an ingest codec is one row here plus its NAL parsing.
/// </summary>
public static class IngestCodecTable
{
    /// <summary>Every ingest codec, in enum order.</summary>
    public static IReadOnlyList<IngestCodecInfo> All { get; } =
    [
        new(IngestCodec.H264, "h264", TsStreamType.H264, FlvCodecId: 7, FourCc: "avc1", SpsNalType: 7, VideoCodec.H264),
        new(IngestCodec.Hevc, "hevc", TsStreamType.Hevc, FlvCodecId: 12, FourCc: "hvc1", SpsNalType: 33, VideoCodec.Hevc),
    ];

    /// <summary>The row for <paramref name="codec"/>; an undefined enum value throws <see cref="ArgumentOutOfRangeException"/>.</summary>
    public static IngestCodecInfo Of(IngestCodec codec) =>
        All.FirstOrDefault(c => c.Codec == codec) ?? throw new ArgumentOutOfRangeException(nameof(codec), codec, "Not an ingest codec.");

    /// <summary>The codec a TS stream type carries, or null when ingest does not read it.</summary>
    public static IngestCodec? FromTsStreamType(byte streamType) => All.FirstOrDefault(c => (byte)c.TsStreamType == streamType)?.Codec;

    /// <summary>The codec an Enhanced RTMP FourCC names, or null.</summary>
    public static IngestCodec? FromFourCc(string fourCc) => All.FirstOrDefault(c => c.FourCc == fourCc)?.Codec;

    /// <summary>The codec a legacy FLV codec id names, or null.</summary>
    public static IngestCodec? FromFlvCodecId(int codecId) => All.FirstOrDefault(c => c.FlvCodecId == codecId)?.Codec;

    /// <summary>The codec an ffprobe codec name names, or null.</summary>
    public static IngestCodec? FromProbeName(string? name) => All.FirstOrDefault(c => c.ProbeName == name)?.Codec;
}
