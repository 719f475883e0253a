using System.Diagnostics;
using Livepeer.Media.Profiles;
using Livepeer.Media.Transcoding;
using Livepeer.Node.Orchestrator;
using Livepeer.Node.Transcoding;

namespace Livepeer.Node.Tests.Transcoders;

/// <summary>A real MPEG-TS segment through the pool to a remote transcoder that runs ffmpeg.</summary>
public sealed class RemoteFfmpegTranscodeTests
{
    [Fact]
    public async Task ARealSegmentIsTranscodedRemotelyWithPixelCounts()
    {
        var dir = Directory.CreateTempSubdirectory("remote-ffmpeg-").FullName;
        try
        {
            var input = Path.Combine(dir, "seg.ts");
            var ffmpeg = Process.Start(new ProcessStartInfo("ffmpeg",
                ["-v", "error", "-f", "lavfi", "-i", "testsrc2=size=320x180:rate=30", "-f", "lavfi", "-i", "sine=frequency=440",
                 "-t", "1", "-c:v", "libx264", "-g", "30", "-preset", "ultrafast", "-c:a", "aac", "-f", "mpegts", input]) { RedirectStandardError = true })!;
            await ffmpeg.WaitForExitAsync();
            Assert.Equal(0, ffmpeg.ExitCode);

            await using var h = await PoolHarness.StartAsync();
            var node = h.StartTranscoder(new LocalSegmentTranscoder(new FfmpegTranscoder()), capacity: 1);
            await PoolHarness.Until(() => h.Pool.Transcoders == 1, "registration");
            VideoProfile[] ladder = [new("small", 160, 90, 200_000, 30, 1, 1), new("tiny", 128, 72, 100_000, 15, 1, 1)];
            var job = new SegmentJob("stream", 3, await File.ReadAllBytesAsync(input), TimeSpan.FromSeconds(1), ladder.Select(ProfileWire.ToProto).ToList());

            var renditions = await h.Pool.TranscodeAsync(job, CancellationToken.None);

            Assert.Equal(["small", "tiny"], renditions.Select(r => r.ProfileName));
            Assert.Equal(30L * 160 * 90, renditions[0].Pixels);
            Assert.Equal(15L * 128 * 72, renditions[1].Pixels);
            Assert.All(renditions, r => Assert.Equal(0x47, r.Data[0])); // MPEG-TS sync byte
            Assert.All(renditions, r => Assert.Equal("video/mp2t", r.ContentType));
            await PoolHarness.Until(() => node.Completed == 1, "result posted");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
