using System.Diagnostics;
using Livepeer.Media.Codecs;
using Livepeer.Media.Profiles;
using Livepeer.Media.Transcoding;
using Livepeer.Node.Orchestrator;
using Livepeer.Node.Transcoding;

namespace Livepeer.Node.Tests.Transcoding;

public class LocalSegmentTranscoderTests
{
    [Fact]
    public void ProfilesSurviveTheWireFormat()
    {
        VideoProfile[] profiles =
        [
            new("P720p30fps16x9", 1280, 720, 4_000_000, 30, 1, 2.0, VideoCodec.H264, "high"),
            new("hevc", 640, 360, 1_000_000, 30000, 1001, VideoProfile.IntraOnly, VideoCodec.Hevc),
            new("av1", 426, 240, 500_000, 0, 1, 0, VideoCodec.Av1),
            new("vp9", 256, 144, 300_000, 15, 1, 1.5, VideoCodec.Vp9),
            new("vp8", 256, 144, 300_000, 15, 1, 1, VideoCodec.Vp8),
        ];
        foreach (var p in profiles) Assert.Equal(p, ProfileWire.FromProto(ProfileWire.ToProto(p)));
    }

    [Fact]
    public async Task ARealSegmentBecomesEveryRenditionWithPixelCounts()
    {
        var dir = Directory.CreateTempSubdirectory("local-tc-").FullName;
        try
        {
            var input = Path.Combine(dir, "seg.ts");
            var ffmpeg = Process.Start(new ProcessStartInfo("ffmpeg",
                ["-v", "error", "-f", "lavfi", "-i", "testsrc2=size=320x180:rate=30", "-f", "lavfi", "-i", "sine=frequency=440",
                 "-t", "1", "-c:v", "libx264", "-g", "30", "-preset", "ultrafast", "-c:a", "aac", "-f", "mpegts", input]) { RedirectStandardError = true })!;
            await ffmpeg.WaitForExitAsync();
            Assert.Equal(0, ffmpeg.ExitCode);

            var transcoder = new LocalSegmentTranscoder(new FfmpegTranscoder());
            VideoProfile[] ladder = [new("small", 160, 90, 200_000, 30, 1, 1), new("tiny", 128, 72, 100_000, 15, 1, 1)];
            var job = new SegmentJob("stream", 3, await File.ReadAllBytesAsync(input), TimeSpan.FromSeconds(1), ladder.Select(ProfileWire.ToProto).ToList())
                { OrchId = "0x00000000000000000000000000000000000000aB" };
            var renditions = await transcoder.TranscodeAsync(job, CancellationToken.None);

            Assert.Equal(["small", "tiny"], renditions.Select(r => r.ProfileName));
            Assert.All(renditions, r => Assert.Equal("video/mp2t", r.ContentType));
            Assert.Equal(30L * 160 * 90, renditions[0].Pixels);
            Assert.Equal(15L * 128 * 72, renditions[1].Pixels);
            // go-livepeer's provenance: the service provider in each rendition's SDT names this transcoder and the orchestrator.
            var provider = $"Livepeer Transcoder {NodeCapabilities.Version} (0x00000000000000000000000000000000000000aB)";
            Assert.All(renditions, r => Assert.Contains(provider, System.Text.Encoding.ASCII.GetString(r.Data), StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task GarbageIsRefusedWithAMediaError()
    {
        var transcoder = new LocalSegmentTranscoder(new FfmpegTranscoder());
        var job = new SegmentJob("stream", 1, new byte[4096], TimeSpan.FromSeconds(2), [ProfileWire.ToProto(new VideoProfile("p", 160, 90, 100_000, 30, 1, 1))]);
        var e = await Assert.ThrowsAnyAsync<Exception>(() => transcoder.TranscodeAsync(job, CancellationToken.None));
        Assert.False(string.IsNullOrWhiteSpace(e.Message));
    }
}
