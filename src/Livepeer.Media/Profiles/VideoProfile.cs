using System.Globalization;
using Livepeer.Media.Codecs;

namespace Livepeer.Media.Profiles;

/// <summary>One rendition of the ABR ladder, as go-livepeer's VideoProfile describes it.</summary>
/// <param name="Name">Rendition name (e.g. P720p30fps16x9); used in URLs, so [A-Za-z0-9_.-] only.</param>
/// <param name="Width">Output width in pixels (even).</param>
/// <param name="Height">Output height in pixels (even).</param>
/// <param name="Bitrate">Target video bitrate in bits per second.</param>
/// <param name="FpsNum">Frame rate numerator; 0 keeps the source frame rate.</param>
/// <param name="FpsDen">Frame rate denominator (1 unless fractional, e.g. 30000/1001).</param>
/// <param name="GopSeconds">Keyframe interval in seconds; 0 means the encoder default (keyframes still forced at segment starts).</param>
/// <param name="Codec">Output video codec.</param>
/// <param name="EncoderProfile">Encoder profile (e.g. "high", "main", "baseline"); null for the encoder default.</param>
/// <param name="Preset">Encoder speed preset (x264/x265 preset name, or an SVT-AV1/libvpx speed number); null for the default.</param>
public sealed record VideoProfile(
    string Name,
    int Width,
    int Height,
    long Bitrate,
    int FpsNum,
    int FpsDen,
    double GopSeconds,
    VideoCodec Codec = VideoCodec.H264,
    string? EncoderProfile = null,
    string? Preset = null)
{
    /// <summary>The <see cref="GopSeconds"/> value meaning every frame is a keyframe (go-livepeer's "intra").</summary>
    public const double IntraOnly = -1;

    /// <summary>Frame rate as a double, or null when the source frame rate is kept.</summary>
    public double? FrameRate => FpsNum == 0 ? null : (double)FpsNum / FpsDen;

    /// <summary>Human readable summary, e.g. "P720p30fps16x9 1280x720 4000k 30fps H264".</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Name} {Width}x{Height} {Bitrate / 1000}k {(FpsNum == 0 ? "source" : FpsDen == 1 ? FpsNum.ToString(CultureInfo.InvariantCulture) : $"{FpsNum}/{FpsDen}")}fps {Codec}");
}
