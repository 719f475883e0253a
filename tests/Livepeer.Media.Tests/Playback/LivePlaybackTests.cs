using System.Text.Json;
using Livepeer.Media.Dash;
using Livepeer.Media.Fmp4;
using Livepeer.Media.Hls;
using Livepeer.Media.Http;
using Livepeer.Media.Pipeline;
using Livepeer.Media.Profiles;
using Livepeer.Media.Transcoding;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Livepeer.Media.Tests.Playback;

/// <summary>
/// Live output while it is being produced: 1 s segments enter the pipeline in real time while hls.js (live playlist, no
/// ENDLIST) and dash.js (dynamic MPD, UTCTiming) play it in headless Chromium, switching through every rendition.
/// </summary>
public sealed class LivePlaybackTests
{
    [Fact]
    public async Task HlsJsAndDashJsPlayTheLiveStreamWhileItIsProduced()
    {
        var js = BrowserPlaybackTests.JsDirectory;
        Assert.True(File.Exists(Path.Combine(js, "node_modules", "playwright-core", "package.json")),
            "tests/js/node_modules is missing: run `npm ci` in tests/js (./test.sh does it).");
        var segments = TestMedia.Generate("live-playback", 320, 180, 30, 30, 1, "live");
        var hls = new HlsStreamStore(new HlsOptions { TargetDuration = 2, WindowSize = 8 });
        var dash = new DashStreamStore(new DashOptions { WindowSize = 8, SuggestedPresentationDelay = TimeSpan.FromSeconds(3), MinimumUpdatePeriod = TimeSpan.FromSeconds(1) });
        var pipeline = new LivePipeline("live", [new VideoProfile("r144", 256, 144, 300_000, 30, 1, 1.0), new VideoProfile("r90", 160, 90, 150_000, 30, 1, 1.0)],
            new FfmpegTranscoder(), new CmafPackager(), hls, dash);
        await using var server = await MediaHttpServer.StartAsync(new MediaHttpServerOptions { Port = 0 }, hls, dash, mapExtra: BrowserPlaybackTests.MapPlayer);

        using var stop = new CancellationTokenSource();
        var added = 0;
        var feeder = Task.Run(async () =>
        {
            // Real-time feed: segment i is handed in at i seconds; the first four go in at once to build a window.
            var start = DateTime.UtcNow;
            for (int i = 0; i < segments.Count && !stop.IsCancellationRequested; i++)
            {
                var due = start + TimeSpan.FromSeconds(Math.Max(0, i - 3));
                if (due > DateTime.UtcNow) await Task.Delay(due - DateTime.UtcNow, stop.Token).ContinueWith(_ => { });
                var r = await pipeline.AddSegmentAsync(segments[i]);
                Assert.Null(r.Error);
                Interlocked.Increment(ref added);
            }
        });
        try
        {
            // The players start once the first window (the four segments fed at once) is in both stores.
            var windowed = DateTime.UtcNow + TimeSpan.FromSeconds(60);
            while (Volatile.Read(ref added) < 4)
            {
                if (feeder.IsCompleted) await feeder; // surfaces a pipeline error
                Assert.True(DateTime.UtcNow < windowed, $"the first 4 segments were not transcoded and packaged within 60 s ({Volatile.Read(ref added)} were)");
                await Task.Delay(50);
            }
            var runs = new[] { ("hls", "hls/live/index.m3u8"), ("dash", "dash/live/manifest.mpd") }.Select(m => Task.Run(() =>
            {
                var src = new Uri(server.BaseAddress, m.Item2);
                var page = new Uri(server.BaseAddress, $"player.html?mode={m.Item1}&src={Uri.EscapeDataString(src.ToString())}");
                return (Mode: m.Item1, Result: TestMedia.Run("node", [Path.Combine(js, "playback.mjs"), page.ToString()], allowFailure: true));
            })).ToArray();
            foreach (var (mode, (stdout, stderr, exit)) in await Task.WhenAll(runs))
            {
                Assert.True(exit == 0, $"{mode} live playback failed (exit {exit}): {stderr}");
                using var report = JsonDocument.Parse(stdout.Trim().Split('\n')[^1]);
                var levels = report.RootElement.GetProperty("levels").EnumerateArray().ToList();
                Assert.Equal([180, 144, 90], levels.Select(l => l.GetProperty("height").GetInt32()).OrderDescending());
                Assert.All(levels, l => Assert.True(l.GetProperty("advanced").GetDouble() >= 0.5));
            }
            Assert.False(hls.GetOrCreate("live").Ended);
            Assert.Contains("type=\"dynamic\"", dash.GetOrCreate("live").RenderMpd(null));
        }
        finally
        {
            stop.Cancel();
            await feeder;
        }
    }
}
