using System.Diagnostics;
using System.Text.RegularExpressions;
using Google.Protobuf;
using Livepeer.Media.Codecs;
using Livepeer.Media.Dash;
using Livepeer.Media.Fmp4;
using Livepeer.Media.Hls;
using Livepeer.Media.MpegTs;
using Livepeer.Media.Pipeline;
using Livepeer.Media.Profiles;
using Livepeer.Media.Segmenting;
using Livepeer.Media.Transcoding;
using Livepeer.Media.Verification;
using Livepeer.Node.Transcoding;
using Livepeer.Wire.Compatibility;
using Proto = Livepeer.Wire.Messages;

namespace Livepeer.Node.Tests.Transcoding;

/// <summary>
/// Every codec of <see cref="CodecTable"/> walked through what it touches: go's wire message and capabilities, an ffmpeg
/// transcode of a 1 s 160x90 clip inside the live pipeline, the HLS and DASH CODECS strings, and the verifier's container
/// and decode checks. A new table row runs here without editing the test.
/// </summary>
public class CodecWalkTests
{
    private static readonly Lazy<MediaSegment> Source = new(MakeSource);

    public static TheoryData<VideoCodec> Codecs()
    {
        var data = new TheoryData<VideoCodec>();
        foreach (var c in CodecTable.All) data.Add(c.Codec);
        return data;
    }

    private static VideoProfile Profile(VideoCodec codec) => new("walk", 160, 90, 120_000, 15, 1, 1.0, codec);

    [Theory]
    [MemberData(nameof(Codecs))]
    public void TheWireCarriesTheCodecBothWaysAndTheJobNeedsItsCapabilities(VideoCodec codec)
    {
        var info = CodecTable.Of(codec);
        var profile = Profile(codec);
        var sent = ProfileWire.ToProto(profile);
        var received = Proto.VideoProfile.Parser.ParseFrom(sent.ToByteArray());
        Assert.True(Enum.IsDefined(received.Encoder), $"{codec}: wire encoder {info.WireEncoder} is not in lp_rpc.proto");
        Assert.Equal(info.WireEncoder, (int)received.Encoder);
        var container = ContainerTable.Of(info.Container);
        Assert.Equal(container.WireFormat ?? 0, (int)received.Format);
        Assert.Equal(profile, ProfileWire.FromProto(received));

        var codecCap = (Capability)info.EncodeCapability;
        var containerCap = (Capability)container.Capability;
        Assert.True(Enum.IsDefined(codecCap) && Enum.IsDefined(containerCap), $"{codec}: capability {info.EncodeCapability}/{container.Capability} undefined");
        var job = NodeCapabilities.ForJob([profile]);
        Assert.True(job.Contains(codecCap) && job.Contains(containerCap), $"{codec}: the job does not ask for {codecCap} and {containerCap}");
        var everyEncoder = new FfmpegEncoders(CodecTable.All.Select(c => c.FfmpegEncoder));
        Assert.Contains(codecCap, NodeCapabilities.SupportedBy(everyEncoder));
        Assert.Contains(containerCap, NodeCapabilities.SupportedBy(everyEncoder));
        var withoutIt = new FfmpegEncoders(CodecTable.All.Where(c => c.Codec != codec).Select(c => c.FfmpegEncoder));
        Assert.DoesNotContain(codecCap, NodeCapabilities.SupportedBy(withoutIt));
    }

    [Fact]
    public void AnEncoderTheWireEnumHasButNoRowIsRefusedNotReadAsH264()
    {
        var unknown = new Proto.VideoProfile { Name = "x", Width = 160, Height = 90, Bitrate = 100_000, Encoder = (Proto.VideoProfile.Types.VideoCodec)77 };
        Assert.Throws<ProfileException>(() => ProfileWire.FromProto(unknown));
    }

    [Theory]
    [MemberData(nameof(Codecs))]
    public async Task ATranscodedRenditionReachesThePlaylistsAndPassesVerification(VideoCodec codec)
    {
        var info = CodecTable.Of(codec);
        var profile = Profile(codec);
        var segment = Source.Value;
        var hls = new HlsStreamStore();
        var dash = new DashStreamStore();
        var pipeline = new LivePipeline("walk", [profile], new FfmpegTranscoder(), new CmafPackager(), hls, dash);
        var result = await pipeline.AddSegmentAsync(segment);
        await pipeline.DrainAsync();
        Assert.Null(result.Error);

        // Transcode: the container and its facts come from the table.
        var rendition = Assert.Single(result.Transcoded!.Renditions);
        var container = ContainerTable.Of(info.Container);
        Assert.Equal(info.Container, rendition.Container);
        Assert.Equal(container.ContentType, rendition.ContentType);
        Assert.Equal(container.Extension, rendition.Extension);

        // Playlists: a variant/representation exactly where the table says, with a CODECS string of the codec.
        Assert.True(hls.TryGet("walk", out var stream));
        var master = stream.RenderMaster();
        var variant = Regex.Match(master, @"#EXT-X-STREAM-INF:[^\n]*CODECS=""([^""]+)""[^\n]*\nwalk/index\.m3u8");
        Assert.Equal(info.Hls, variant.Success);
        if (info.Hls) Assert.StartsWith(info.CodecsPrefix, variant.Groups[1].Value, StringComparison.Ordinal);
        Assert.True(dash.TryGet("walk", out var dashStream));
        var representation = Regex.Match(dashStream.RenderMpd(null), @"<Representation id=""walk""[^>]*codecs=""([^""]+)""");
        Assert.Equal(info.Dash, representation.Success);
        if (info.Dash) Assert.StartsWith(info.CodecsPrefix, representation.Groups[1].Value, StringComparison.Ordinal);

        // Verification: the container check and the decode check both read it as the codec the profile asks for.
        foreach (var mode in new[] { FormatCheckMode.Container, FormatCheckMode.Decode })
        {
            var verifier = new SegmentVerifier(new VerificationOptions { FormatCheck = mode });
            var report = await verifier.VerifyAsync(segment.Data, [new RenditionUnderTest(profile, rendition.Data, rendition.Pixels)], perceptual: false);
            Assert.True(report.Passed, $"{codec} {mode}: {string.Join("; ", report.Renditions.SelectMany(r => r.Failures).Select(f => f.Reason))}");
            // The same bytes claimed as another codec fail the codec check instead of passing as something else.
            var other = CodecTable.All[(CodecTable.All.ToList().IndexOf(info) + 1) % CodecTable.All.Count].Codec;
            var wrong = await verifier.VerifyAsync(segment.Data, [new RenditionUnderTest(profile with { Codec = other }, rendition.Data, rendition.Pixels)], perceptual: false);
            Assert.Contains(wrong.Renditions[0].Failures, f => f.Check == VerificationCheck.Decode);
        }
    }

    private static MediaSegment MakeSource()
    {
        var path = Path.Combine(Path.GetTempPath(), $"codec-walk-{Environment.ProcessId}-{Guid.NewGuid():N}.ts");
        try
        {
            using var ffmpeg = Process.Start(new ProcessStartInfo("ffmpeg",
                ["-v", "error", "-y", "-f", "lavfi", "-i", "testsrc2=size=160x90:rate=15", "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000",
                 "-t", "1", "-c:v", "libx264", "-g", "15", "-preset", "ultrafast", "-c:a", "aac", "-f", "mpegts", path]) { RedirectStandardError = true })!;
            var stderr = ffmpeg.StandardError.ReadToEnd();
            ffmpeg.WaitForExit();
            Assert.True(ffmpeg.ExitCode == 0, stderr);
            return TsSegmentInfo.ToMediaSegment("walk", 0, File.ReadAllBytes(path));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
