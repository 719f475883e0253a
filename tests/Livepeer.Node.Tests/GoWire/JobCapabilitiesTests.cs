using Livepeer.Media.Codecs;
using Livepeer.Media.Profiles;
using Livepeer.Media.Transcoding;
using Livepeer.Node.Transcoding;
using Livepeer.Wire.Compatibility;

namespace Livepeer.Node.Tests.GoWire;

/// <summary>go's JobCapabilities rule for our ladders, and nodes offering only the encoders their ffmpeg has.</summary>
public sealed class JobCapabilitiesTests
{
    [Fact]
    public void ALadderNeedsTheAuthTokenAndPerProfileFormatEncoderProfileAndGop()
    {
        var h264 = NodeCapabilities.ForJob([new VideoProfile("p", 640, 360, 1_000_000, 30, 1, 2, VideoCodec.H264, "high")]);
        Assert.Equal(GoRules.Bits(GoRules.H264, GoRules.MpegTs, GoRules.FractionalFramerates, GoRules.High, GoRules.Gop, GoRules.AuthToken), h264.Words);
        var vp9 = NodeCapabilities.ForJob([new VideoProfile("v", 640, 360, 1_000_000, 30, 1, 0, VideoCodec.Vp9)]);
        Assert.True(vp9.Contains(Capability.Vp9Encode) && vp9.Contains(Capability.Mp4) && !vp9.Contains(Capability.Gop));
        Assert.True(NodeCapabilities.ForJob([new VideoProfile("a", 640, 360, 1_000_000, 30, 1, 2, VideoCodec.Av1)]).Contains(Capability.Av1Encode));
        Assert.True(NodeCapabilities.ForJob([new VideoProfile("w", 640, 360, 1_000_000, 30, 1, 2, VideoCodec.Vp8)]).Contains(Capability.WebM));
    }

    [Fact]
    public void ANodeOffersOnlyTheEncodersItsFfmpegHas()
    {
        var offered = CapabilitySet.Of(NodeCapabilities.SupportedBy(new FfmpegEncoders([FfmpegEncoders.EncoderFor(VideoCodec.H264)])));
        Assert.True(offered.Contains(Capability.H264) && offered.Contains(Capability.AuthToken) && offered.Contains(Capability.SegmentClaim));
        Assert.False(offered.Contains(Capability.Av1Encode) || offered.Contains(Capability.Vp9Encode) || offered.Contains(Capability.HevcEncode) || offered.Contains(Capability.WebM));
    }
}
