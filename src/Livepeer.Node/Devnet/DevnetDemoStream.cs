using System.Diagnostics;
using Livepeer.Core;
using Livepeer.Node.Broadcaster;
using Microsoft.Extensions.Logging;

namespace Livepeer.Node.Devnet;

/// <summary>The devnet's streams: the demo stream published over RTMP, and the probe segments that catch a cheater.</summary>
internal static class DevnetDemoStream
{
    /// <summary>Publishes a 720p test pattern to the broadcaster's RTMP port until stopped, restarting ffmpeg if it exits.</summary>
    public static async Task PublishAsync(int rtmpPort, ILogger logger, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            using var ffmpeg = Process.Start(new ProcessStartInfo("ffmpeg",
            [
                "-hide_banner", "-loglevel", "error", "-re",
                "-f", "lavfi", "-i", "testsrc2=size=1280x720:rate=30", "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000",
                "-c:v", "libx264", "-preset", "veryfast", "-tune", "zerolatency", "-g", "60", "-keyint_min", "60", "-sc_threshold", "0", "-b:v", "2500k",
                "-c:a", "aac", "-b:a", "128k", "-f", "flv", $"rtmp://127.0.0.1:{rtmpPort}/live/demo",
            ]) { RedirectStandardError = true })!;
            try { await ffmpeg.WaitForExitAsync(ct); }
            catch (OperationCanceledException)
            {
                ffmpeg.Kill(entireProcessTree: true);
                return;
            }
            logger.DemoPublisherExited(ffmpeg.ExitCode, (await ffmpeg.StandardError.ReadToEndAsync(CancellationToken.None)).Trim());
            await Task.Delay(TimeSpan.FromSeconds(2), ct).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    /// <summary>Sends probe segments through the broadcaster until its verification has a finding against <paramref name="cheater"/>.</summary>
    public static async Task ProbeUntilCaughtAsync(BroadcasterNode broadcaster, Address cheater, ILogger logger, CancellationToken ct)
    {
        try
        {
            var segment = await ProbeSegmentAsync(ct);
            using var http = new HttpClient { BaseAddress = broadcaster.HttpAddress, Timeout = TimeSpan.FromSeconds(60) };
            var verification = broadcaster.Network?.Verification;
            for (var n = 1; verification is not null && !verification.Findings.Any(f => f.Orchestrator == cheater); n++)
            {
                using var put = new HttpRequestMessage(HttpMethod.Put, $"live/probe-{n}/0.ts") { Content = new ByteArrayContent(segment) };
                put.Headers.Add("Content-Duration", "1000");
                try { using var response = await http.SendAsync(put, ct); }
                catch (HttpRequestException e) { logger.ProbeFailed(n, e.Message); }
                await Task.Delay(TimeSpan.FromSeconds(2), ct);
            }
            logger.CheaterCaught(cheater);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
    }

    private static async Task<byte[]> ProbeSegmentAsync(CancellationToken ct)
    {
        var path = Path.Combine(Path.GetTempPath(), $"livepeer-probe-{Guid.NewGuid():N}.ts");
        try
        {
            using var ffmpeg = Process.Start(new ProcessStartInfo("ffmpeg",
            [
                "-hide_banner", "-loglevel", "error", "-f", "lavfi", "-i", "testsrc2=size=320x180:rate=30", "-f", "lavfi", "-i", "sine", "-t", "1",
                "-c:v", "libx264", "-preset", "ultrafast", "-g", "30", "-c:a", "aac", "-f", "mpegts", path,
            ]) { RedirectStandardError = true })!;
            await ffmpeg.WaitForExitAsync(ct);
            if (ffmpeg.ExitCode != 0) throw new InvalidOperationException($"ffmpeg could not make the probe segment: {(await ffmpeg.StandardError.ReadToEndAsync(ct)).Trim()}");
            return await File.ReadAllBytesAsync(path, ct);
        }
        finally { File.Delete(path); }
    }
}
