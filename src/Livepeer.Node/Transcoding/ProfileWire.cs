using Livepeer.Media.Codecs;
using Livepeer.Media.Profiles;
using Proto = Livepeer.Wire.Messages;

namespace Livepeer.Node.Transcoding;

/// <summary>
/// go-livepeer's VideoProfile message ↔ the media server's profiles. As go-livepeer writes it, gop is in milliseconds
/// (negative: every frame a keyframe), fps 0 keeps the source rate, and the encoder enum names the codec.
/// </summary>
public static class ProfileWire
{
    /// <summary>
    /// The ladder a segment asks for, by go-livepeer's rules: fullProfiles3, else fullProfiles2, else fullProfiles (its
    /// orchestrators put default ladders in fullProfiles); an unnamed profile is named net_{width}x{height}_{bitrate}, before
    /// the segment's signature is checked, as go's orchestrator names it.
    /// </summary>
    public static IReadOnlyList<Proto.VideoProfile> JobProfiles(Proto.SegData seg)
    {
        var chosen = seg.FullProfiles3.Count > 0 ? seg.FullProfiles3 : seg.FullProfiles2.Count > 0 ? seg.FullProfiles2 : seg.FullProfiles;
        return chosen.Select(p => p.Name.Length > 0 ? p : new Proto.VideoProfile(p) { Name = $"net_{p.Width}x{p.Height}_{p.Bitrate}" }).ToList();
    }

    /// <summary>A media profile as the wire message.</summary>
    public static Proto.VideoProfile ToProto(VideoProfile p) => new()
    {
        Name = p.Name,
        Width = p.Width,
        Height = p.Height,
        Bitrate = (int)Math.Min(int.MaxValue, p.Bitrate),
        Fps = (uint)p.FpsNum,
        FpsDen = (uint)p.FpsDen,
        // go has no WebM format: MPEGTS (its default) goes on the wire and the encoder (VP8) names the container.
        Format = (Proto.VideoProfile.Types.Format)(ContainerTable.Of(CodecTable.Of(p.Codec).Container).WireFormat ?? 0),
        Gop = p.GopSeconds < 0 ? -1 : (int)Math.Round(p.GopSeconds * 1000),
        Encoder = (Proto.VideoProfile.Types.VideoCodec)CodecTable.Of(p.Codec).WireEncoder,
        Profile = p.EncoderProfile switch
        {
            "baseline" => Proto.VideoProfile.Types.Profile.H264Baseline,
            "main" => Proto.VideoProfile.Types.Profile.H264Main,
            "high" => Proto.VideoProfile.Types.Profile.H264High,
            _ => Proto.VideoProfile.Types.Profile.EncoderDefault,
        },
    };

    /// <summary>The wire message as a media profile; an unknown encoder throws <see cref="ProfileException"/>, other invalid values are refused by the media server's validation.</summary>
    public static VideoProfile FromProto(Proto.VideoProfile p) => new(
        p.Name,
        p.Width,
        p.Height,
        p.Bitrate,
        (int)p.Fps,
        p.FpsDen == 0 ? 1 : (int)p.FpsDen,
        p.Gop < 0 ? VideoProfile.IntraOnly : p.Gop / 1000.0,
        CodecTable.FromWire((int)p.Encoder)
            ?? throw new ProfileException($"Profile \"{p.Name}\": wire encoder {(int)p.Encoder} is not a codec this node knows ({CodecTable.NameList})."),
        p.Profile switch
        {
            Proto.VideoProfile.Types.Profile.H264Baseline => "baseline",
            Proto.VideoProfile.Types.Profile.H264Main => "main",
            Proto.VideoProfile.Types.Profile.H264High or Proto.VideoProfile.Types.Profile.H264ConstrainedHigh => "high",
            _ => null,
        });
}
