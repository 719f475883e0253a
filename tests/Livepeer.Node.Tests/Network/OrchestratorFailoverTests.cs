using Livepeer.Media.Pipeline;
using Livepeer.Media.Transcoding;
using Livepeer.Node.Transcoding;

namespace Livepeer.Node.Tests.Network;

/// <summary>An orchestrator goes away in the middle of a stream: the broadcaster moves on and no rendition misses a segment.</summary>
public sealed class OrchestratorFailoverTests
{
    [Fact]
    public async Task KillingTheServingOrchestratorMovesTheStreamWithoutLosingASegment()
    {
        await using var network = await LocalNetwork.StartAsync(accounts: 3, seed: 61);
        var orchestrators = new[] { 500UL, 300UL, 200UL }.Select((stake, i) => (Stake: stake, Key: network.Accounts[i])).ToList();
        var nodes = new List<Livepeer.Node.Orchestrator.OrchestratorNode>();
        foreach (var (stake, key) in orchestrators)
            nodes.Add(await network.StartOrchestratorAsync(key, stake, new LocalSegmentTranscoder(new FfmpegTranscoder())));
        await network.FundBroadcasterAsync();
        await network.NextRoundAsync();
        var broadcaster = await network.StartBroadcasterAsync();

        using var publish = LocalNetwork.Publish(broadcaster.RtmpPort, "failover", seconds: 14);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        Livepeer.Node.Orchestrator.OrchestratorNode? serving = null;
        while (serving is null && DateTime.UtcNow < deadline)
        {
            // Polled tightly so the kill often lands while the broadcaster is still downloading the renditions.
            serving = nodes.FirstOrDefault(n => n.Core.Segments >= 2);
            await Task.Delay(5);
        }
        Assert.NotNull(serving);
        var servedBeforeKill = serving.Core.Segments;
        await network.StopAsync(serving);

        await publish.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(40));
        Assert.Equal(0, publish.ExitCode);
        using var http = new HttpClient { BaseAddress = broadcaster.HttpAddress };
        string source = "", low = "", tiny = "";
        deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            source = await http.GetStringAsync($"hls/failover/{LivePipeline.SourceName}/index.m3u8");
            low = await GetOrEmpty(http, "hls/failover/low/index.m3u8");
            tiny = await GetOrEmpty(http, "hls/failover/tiny/index.m3u8");
            if (source.Contains("#EXT-X-ENDLIST") && low.Contains("#EXT-X-ENDLIST") && tiny.Contains("#EXT-X-ENDLIST")) break;
            await Task.Delay(250);
        }
        var published = LocalNetwork.Segments(source);
        Assert.True(published.Count >= 6, source);
        Assert.Equal(published, LocalNetwork.Segments(low));
        Assert.Equal(published, LocalNetwork.Segments(tiny));
        Assert.DoesNotContain("#EXT-X-DISCONTINUITY", low);
        Assert.DoesNotContain("#EXT-X-DISCONTINUITY", tiny);

        // The rest of the stream went to the survivors.
        var survivors = nodes.Where(n => n != serving).Sum(n => n.Core.Segments);
        Assert.True(survivors >= published.Count - servedBeforeKill - 1, $"survivors transcoded {survivors} of {published.Count} segments");
        Assert.True(broadcaster.Network!.Stats.Count >= 2, "the broadcaster used only one orchestrator");
        Assert.True(broadcaster.Network!.Stats[serving.Core.Address].Failures >= 1, "the stream never tried the stopped orchestrator again");
    }

    private static async Task<string> GetOrEmpty(HttpClient http, string path)
    {
        using var response = await http.GetAsync(path);
        return response.IsSuccessStatusCode ? await response.Content.ReadAsStringAsync() : "";
    }
}
