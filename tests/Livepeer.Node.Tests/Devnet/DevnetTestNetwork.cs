using System.Diagnostics;
using Livepeer.Node.Devnet;
using Livepeer.Node.Orchestrator.Misbehaviour;
using Microsoft.Extensions.Logging.Abstractions;

namespace Livepeer.Node.Tests.Devnet;

/// <summary>The devnet in process on free ports with fast blocks, and the small real segments its tests send.</summary>
internal static class DevnetTestNetwork
{
    /// <summary>Starts a devnet in <paramref name="dir"/> (100 ms blocks, 10-block rounds).</summary>
    public static Task<DevnetNetwork> StartAsync(string dir, Misbehaviour cheat = Misbehaviour.None) => DevnetNetwork.StartAsync(new DevnetOptions
    {
        DataDirectory = dir, RpcPort = 0, RtmpPort = 0, HttpPort = 0, OrchestratorBasePort = 0, BlockTime = TimeSpan.FromMilliseconds(100), RoundLength = 10,
        Cheat = cheat,
    }, TimeProvider.System, NullLoggerFactory.Instance, new Progress<string>(), CancellationToken.None);

    /// <summary>A one-second H.264/AAC MPEG-TS segment of ffmpeg's test pattern at <paramref name="size"/>.</summary>
    public static async Task<byte[]> SegmentAsync(string dir, string size = "320x180")
    {
        var path = Path.Combine(dir, $"{Guid.NewGuid():N}.ts");
        using var ffmpeg = Process.Start(new ProcessStartInfo("ffmpeg",
            ["-v", "error", "-f", "lavfi", "-i", $"testsrc2=size={size}:rate=30", "-f", "lavfi", "-i", "sine", "-t", "1",
             "-c:v", "libx264", "-preset", "ultrafast", "-g", "30", "-c:a", "aac", "-f", "mpegts", path]))!;
        await ffmpeg.WaitForExitAsync();
        Assert.Equal(0, ffmpeg.ExitCode);
        return await File.ReadAllBytesAsync(path);
    }
}
