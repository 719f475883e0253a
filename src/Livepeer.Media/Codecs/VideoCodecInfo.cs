using Livepeer.Media.Transcoding;

namespace Livepeer.Media.Codecs;

/// <summary>Every fact about one rendition <see cref="VideoCodec"/>; rows live in <see cref="CodecTable"/>.</summary>
/// <param name="Codec">The codec.</param>
/// <param name="DisplayName">For people, e.g. "H.264".</param>
/// <param name="Names">Names a profile's "encoder" field accepts (upper case); the first is the canonical one.</param>
/// <param name="FfmpegEncoder">The ffmpeg encoder that writes it.</param>
/// <param name="Container">The container its renditions are written in (see <see cref="OutputContainer"/> for why).</param>
/// <param name="ProbeName">ffprobe's codec_name for it, what verification compares against.</param>
/// <param name="CodecsPrefix">The first element of its RFC 6381 CODECS string in HLS and DASH (avc1 of avc1.64001F); for
/// the MP4 codecs also its ISO BMFF sample entry.</param>
/// <param name="MatroskaCodecId">Its Matroska/WebM CodecID.</param>
/// <param name="EncoderProfiles">The "profile" values it accepts (lower case); empty when it takes none.</param>
/// <param name="WireEncoder">go-livepeer's VideoProfile.VideoCodec number (lp_rpc.proto) for it.</param>
/// <param name="EncodeCapability">The capability number that says a node can encode it (go-livepeer's, or this project's 960+).</param>
/// <param name="Hls">True when its renditions get an HLS variant (HLS cannot carry WebM).</param>
/// <param name="Dash">True when its renditions get a DASH representation.</param>
public sealed record VideoCodecInfo(
    VideoCodec Codec,
    string DisplayName,
    IReadOnlyList<string> Names,
    string FfmpegEncoder,
    OutputContainer Container,
    string ProbeName,
    string CodecsPrefix,
    string MatroskaCodecId,
    IReadOnlyList<string> EncoderProfiles,
    int WireEncoder,
    int EncodeCapability,
    bool Hls,
    bool Dash);
