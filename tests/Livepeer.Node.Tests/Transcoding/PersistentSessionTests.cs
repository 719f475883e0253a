using System.Diagnostics;
using Livepeer.Media.Profiles;
using Livepeer.Media.Transcoding;
using Livepeer.Node.Orchestrator;
using Livepeer.Node.Transcoding;

namespace Livepeer.Node.Tests.Transcoding;

public class PersistentSessionTests
{
    [Fact]
    public async Task StreamSegmentsShareASessionThatEndsWithTheBroadcasterSession()
    {
        var dir = Directory.CreateTempSubdirectory("persist-node-").FullName;
        try
        {
            var ffmpeg = Process.Start(new ProcessStartInfo("ffmpeg",
                ["-v", "error", "-f", "lavfi", "-i", "testsrc2=size=320x180:rate=30", "-f", "lavfi", "-i", "sine=frequency=440", "-t", "2",
                 "-c:v", "libx264", "-g", "30", "-keyint_min", "30", "-sc_threshold", "0", "-preset", "ultrafast", "-c:a", "aac",
                 "-f", "segment", "-segment_time", "1", "-segment_format", "mpegts", Path.Combine(dir, "seg%d.ts")]) { RedirectStandardError = true })!;
            await ffmpeg.WaitForExitAsync();
            Assert.Equal(0, ffmpeg.ExitCode);

            using var persistent = new PersistentTranscoder();
            using var local = new LocalSegmentTranscoder(persistent);
            var ladder = new[] { ProfileWire.ToProto(new VideoProfile("small", 160, 90, 200_000, 30, 1, 1)) }.ToList();
            var token = new Livepeer.Wire.Messages.AuthToken { SessionId = "broadcaster-session" };
            for (int i = 0; i < 2; i++)
            {
                var job = new SegmentJob("manifest", i, await File.ReadAllBytesAsync(Path.Combine(dir, $"seg{i}.ts")), TimeSpan.FromSeconds(1), ladder) { AuthToken = token };
                var rendition = Assert.Single(await local.TranscodeAsync(job, CancellationToken.None));
                Assert.Equal(30L * 160 * 90, rendition.Pixels);
            }
            Assert.Equal(1, persistent.SegmentsInSession);
            var pid = Assert.Single(persistent.WaitingProcessIds);

            local.EndSession("broadcaster-session");
            Assert.Equal(0, persistent.SessionCount);
            Assert.False(Alive(pid));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static bool Alive(int pid)
    {
        try
        {
            using var p = Process.GetProcessById(pid);
            return !p.HasExited;
        }
        catch (ArgumentException) { return false; }
        catch (InvalidOperationException) { return false; }
    }
}
