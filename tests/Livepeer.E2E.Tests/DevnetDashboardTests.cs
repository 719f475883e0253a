using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using Livepeer.Node.Tests.Observability;

namespace Livepeer.E2E.Tests;

/// <summary>
/// The project's main job as a newcomer meets it: `livepeer devnet --demo` from a fresh data directory (one for every
/// claim here, <see cref="DevnetDashboardFixture"/>). The dashboard in Debian's headless Chromium shows the demo playing
/// with several renditions, three active orchestrators, and a round passing with rewards (the screenshot is kept in
/// test-artifacts/); the remote transcoder works; every node's metrics move; SIGTERM stops it all.
/// </summary>
[Collection(RealTimeNetworks.Name)]
[TestCaseOrderer(StepOrderer.Name, StepOrderer.Assembly)]
public sealed class DevnetDashboardTests(DevnetDashboardFixture net) : IClassFixture<DevnetDashboardFixture>
{
    [Fact, Step(1)]
    public async Task TheDemoPlaysInTheDashboardWithThreeActiveOrchestratorsAndRewards()
    {
        var js = Livepeer.Core.Tests.Interop.RepositoryPaths.JsTests;
        Assert.True(File.Exists(Path.Combine(js, "node_modules", "playwright-core", "package.json")), "tests/js/node_modules is missing: run ./test.sh (it runs npm ci).");
        Assert.True(File.Exists(Path.Combine(AppContext.BaseDirectory, "web", "vendor", "hls.min.js")), "The dashboard's vendor scripts were not built in: run npm ci in web/ (./test.sh does it).");
        var artifacts = Path.Combine(Livepeer.Core.Tests.Interop.RepositoryPaths.Root, "test-artifacts");
        Directory.CreateDirectory(artifacts);
        var screenshot = Path.Combine(artifacts, "devnet-dashboard.png");
        var node = Process.Start(new ProcessStartInfo("node", [Path.Combine(js, "dashboard.mjs"), net.Devnet.Dashboard.ToString(), screenshot, "120"])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = js,
        })!;
        var stdout = node.StandardOutput.ReadToEndAsync();
        var stderr = node.StandardError.ReadToEndAsync();
        await node.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(4));
        var report = (await stdout).Trim();
        Assert.True(node.ExitCode == 0, $"The dashboard check failed: {report}\n{await stderr}{net.Output}");
        var r = JsonDocument.Parse(report).RootElement;
        Assert.True(r.GetProperty("playing").GetBoolean());
        Assert.True(r.GetProperty("renditions").GetInt32() > 1);
        Assert.Equal(3, r.GetProperty("activeOrchestrators").GetInt32());
        Assert.Matches(@"^\d+ results checked", r.GetProperty("verification").GetString()); // the dashboard's verification card
        Assert.True(File.Exists(screenshot));
    }

    /// <summary>
    /// The third orchestrator has no local transcoder, only the devnet's remote transcoder node. Selection is by chance,
    /// so the demo may never go there: a second broadcaster (the devnet's funded account) sends it a short stream, and
    /// then /api/status shows it transcoded segments, which only the remote transcoder can have done.
    /// </summary>
    [Fact, Step(2)]
    public async Task TheRemoteTranscoderDoesTheThirdOrchestratorsWork()
    {
        using var http = new HttpClient { BaseAddress = net.Devnet.Dashboard };
        var third = JsonDocument.Parse(await http.GetStringAsync("api/status")).RootElement.GetProperty("orchestrators")[2];
        var transcoders = third.GetProperty("transcoders");
        Assert.False(transcoders.GetProperty("local").GetBoolean());
        Assert.Equal(1, transcoders.GetProperty("remote").GetArrayLength());

        var logs = new CollectedLogs();
        using var loggers = logs.Factory();
        var accounts = Path.Combine(net.DataDirectory, "devnet"); // `livepeer devnet` keeps its network under <datadir>/devnet
        Assert.True(File.Exists(Path.Combine(accounts, "accounts.json")), $"no devnet accounts in {accounts}");
        var key = Livepeer.Node.Devnet.DevnetAccounts.LoadOrCreate(accounts)["broadcaster"];
        await using var broadcaster = await Livepeer.Node.Broadcaster.BroadcasterNode.StartAsync(key, new Livepeer.Node.Broadcaster.BroadcasterNodeOptions
        {
            OrchestratorAddresses = [new Uri(third.GetProperty("serviceUri").GetString()!)], RtmpPort = 0, HttpPort = 0,
            Profiles = [new Livepeer.Media.Profiles.VideoProfile("tiny", 160, 90, 100_000, 15, 1, 2)],
        }, TimeProvider.System, loggers);
        await using var publish = MultiProcess.NodeProcess.Publish(broadcaster.RtmpPort, "remote", seconds: 6);
        var segments = 0L;
        var served = await Eventually.HoldsAsync(async () =>
        {
            segments = JsonDocument.Parse(await http.GetStringAsync("api/status")).RootElement.GetProperty("orchestrators")[2].GetProperty("segments").GetInt64();
            return segments > 0;
        }, TimeSpan.FromSeconds(60), TimeSpan.FromMilliseconds(500));
        var seen = string.Join("; ", broadcaster.Network!.Stats.Select(o => $"{o.Key}: {o.Value.Segments} segments, failures {string.Join(",", o.Value.FailuresByReason.Select(f => $"{f.Key}={f.Value}"))}"));
        Assert.True(served, $"the remote-transcoded orchestrator served no segment; broadcaster saw: {seen}\n{logs}\npublisher: {publish.Output}{net.Output}");
    }

    /// <summary>
    /// /metrics of every node (ledger, broadcaster, three orchestrators, the remote transcoder) parses as Prometheus text,
    /// and while the demo runs the counters move: segments in and out, transcodes, blocks.
    /// </summary>
    [Fact, Step(3)]
    public async Task EveryNodesMetricsParseAndMoveWhileTheDemoPlays()
    {
        using var http = new HttpClient(new SocketsHttpHandler { SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true } });
        var status = JsonDocument.Parse(await http.GetStringAsync(new Uri(net.Devnet.Dashboard, "api/status"))).RootElement;
        var orchestrators = status.GetProperty("orchestrators").EnumerateArray().Select(o => new Uri(o.GetProperty("serviceUri").GetString()!)).ToList();
        Assert.Equal(3, orchestrators.Count);
        var ledger = new Uri(Regex.Match(net.Devnet.Output, @"Ledger:\s+(http://\S+)").Groups[1].Value);
        var transcoder = new Uri(Regex.Match(net.Devnet.Output, @"remote transcoder (http://\S+)").Groups[1].Value);
        Uri[] nodes = [ledger, net.Devnet.Dashboard, .. orchestrators, transcoder];

        async Task<PrometheusText[]> ScrapeAll() => await Task.WhenAll(nodes.Select(async n => PrometheusText.Parse(await http.GetStringAsync(new Uri(n, "/metrics")))));
        var before = await ScrapeAll();
        var after = before;
        double Moved(int node, string name) => after[node].Value(name) - before[node].Value(name);
        (string What, Func<bool> Holds)[] claims =
        [
            ("the ledger's block height did not move", () => Moved(0, "livepeer_chain_block_height") > 0),
            ("the broadcaster received no segment", () => Moved(1, "livepeer_broadcaster_segments_received_total") > 0),
            ("the broadcaster got no segment transcoded", () => Moved(1, "livepeer_broadcaster_segments_transcoded_total") > 0),
            ("no orchestrator transcoded a segment", () => Enumerable.Range(2, 3).Sum(i => Moved(i, "livepeer_orchestrator_segments_transcoded_total")) > 0),
            ("the remote transcoder completed no task", () => after[5].Value("livepeer_transcoder_tasks_completed_total") > 0),
        ];
        await Eventually.HoldsAsync(async () => { after = await ScrapeAll(); return claims.All(c => c.Holds()); }, TimeSpan.FromSeconds(30));
        foreach (var (what, holds) in claims) Assert.True(holds(), what);
    }

    [Fact, Step(4)]
    public async Task SigtermStopsTheWholeDevnetCleanly()
    {
        Assert.True(await net.Devnet.StopAsync(TimeSpan.FromSeconds(30)), $"the devnet did not stop on SIGTERM:{net.Output}");
        Assert.Contains("Stopping the devnet...", net.Devnet.Output);
    }
}
