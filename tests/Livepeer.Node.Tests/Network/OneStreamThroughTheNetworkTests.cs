using Livepeer.Media.Transcoding;
using Livepeer.Node.Transcoding;

namespace Livepeer.Node.Tests.Network;

/// <summary>
/// ffmpeg publishes RTMP to a broadcaster, which finds the orchestrator on the ledger, pays it with tickets and gets
/// renditions transcoded by real ffmpeg back into its HLS output.
/// </summary>
public sealed class OneStreamThroughTheNetworkTests
{
    [Fact]
    public async Task APublishedStreamComesOutTranscodedAndPaid()
    {
        await using var net = await LocalNetwork.StartAsync(accounts: 1, seed: 51);
        var orchestratorKey = net.Accounts[0];
        var orchestrator = await net.StartOrchestratorAsync(orchestratorKey, 500, new LocalSegmentTranscoder(new FfmpegTranscoder()));
        await net.FundBroadcasterAsync();
        await net.NextRoundAsync(); // the orchestrator is active and listed for discovery
        await orchestrator.Rewards.TickAsync(CancellationToken.None);
        var broadcaster = await net.StartBroadcasterAsync();

        var publish = LocalNetwork.Publish(broadcaster.RtmpPort, "demo", 7);
        await publish.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(0, publish.ExitCode);

        using var http = new HttpClient { BaseAddress = broadcaster.HttpAddress };
        string master = "", low = "";
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(45);
        while (DateTime.UtcNow < deadline)
        {
            master = await http.GetStringAsync("hls/demo/index.m3u8");
            var lowResponse = await http.GetAsync("hls/demo/low/index.m3u8");
            low = lowResponse.IsSuccessStatusCode ? await lowResponse.Content.ReadAsStringAsync() : "";
            if (low.Contains("#EXT-X-ENDLIST") && orchestrator.Core.Segments >= 3) break;
            await Task.Delay(250);
        }
        Assert.Contains("RESOLUTION=320x180", master);
        Assert.Contains("RESOLUTION=160x90", master);
        Assert.Contains("RESOLUTION=640x360", master); // the source is always offered
        Assert.True(low.Split('\n').Count(l => l.StartsWith("#EXTINF", StringComparison.Ordinal)) >= 3, low);
        Assert.True(orchestrator.Core.Segments >= 3, $"orchestrator transcoded {orchestrator.Core.Segments} segments");
        var stats = Assert.Single(broadcaster.Network!.Stats);
        Assert.Equal(orchestratorKey.Address, stats.Key);
        Assert.Equal(0, stats.Value.Failures);
        Assert.True(broadcaster.Network!.TicketsSent > 0);
    }
}
