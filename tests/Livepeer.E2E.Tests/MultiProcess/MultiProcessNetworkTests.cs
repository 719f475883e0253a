using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Livepeer.Core.Crypto;
using Livepeer.Media.Dash;
using Livepeer.Media.Hls;
using Livepeer.Media.Http;
using Livepeer.Node.Broadcaster;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Xunit.Abstractions;

namespace Livepeer.E2E.Tests.MultiProcess;

/// <summary>
/// The network's checks with every node its own OS process, as operators would run them: a ledger (`livepeer chain`),
/// two orchestrators (`livepeer orchestrator`), two remote transcoders (`livepeer transcoder`), a broadcaster
/// (`livepeer broadcaster`) and ffmpeg publishers, set up with the token-holder commands (`account new`, `broadcast fund`,
/// `stake bond`, `orchestrator register`, `round initialize`). One long scenario keeps the cost down; each check is a phase of it.
/// </summary>
[Collection(RealTimeNetworks.Name)]
public sealed partial class MultiProcessNetworkTests(ITestOutputHelper output)
{
    private const string Secret = "multi-process-transcoders";
    private const string Ladder = """[{"name":"low","width":256,"height":144,"bitrate":250000,"fps":30},{"name":"tiny","width":160,"height":90,"bitrate":100000,"fps":15}]""";
    private static readonly string[] Variants = ["source", "low", "tiny"];
    private static readonly TimeSpan Ready = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task StreamsFailOverBetweenProcessesWithEveryRenditionAndPlayInHlsJs()
    {
        var js = Livepeer.Core.Tests.Interop.RepositoryPaths.JsTests;
        Assert.True(File.Exists(Path.Combine(js, "node_modules", "playwright-core", "package.json")), "tests/js/node_modules is missing: run npm ci in tests/js (./test.sh does it).");
        var clock = Stopwatch.StartNew();
        await using var net = new MultiProcessNetwork();
        try
        {
            await RunAsync(net, js, clock);
        }
        catch (Exception e)
        {
            // Every failure carries the nodes' logs: a timing failure cannot be understood without them.
            throw new InvalidOperationException($"{e.Message}\n{net.Logs()}", e);
        }
    }

    private async Task RunAsync(MultiProcessNetwork net, string js, Stopwatch clock)
    {
        // Accounts and a ledger whose genesis funds them (LPT for the orchestrators, ETH for everyone).
        await Task.WhenAll(new[] { "orchestrator-1", "orchestrator-2", "broadcaster" }.Select(net.NewAccountAsync));
        await net.StartLedgerAsync(new Dictionary<string, ulong> { ["orchestrator-1"] = 2_000, ["orchestrator-2"] = 2_000 }, roundLength: 8, blockTime: TimeSpan.FromMilliseconds(250));
        var rpc = net.Rpc.ToString();

        // Orchestrator 1 registers itself on start, serves one stream at most, and transcodes only on remote transcoders.
        var o1 = net.Start("orchestrator-1", "orchestrator", "--chain-rpc", rpc, "--service-addr", "127.0.0.1:0", "--stake", "1000",
            "--max-sessions", "1", "--orch-secret", Secret, "--no-local-transcoder");
        // Orchestrator 2 runs unregistered (so the first stream cannot go there); its operator registers it later.
        var o2 = net.Start("orchestrator-2", "orchestrator", "--chain-rpc", rpc, "--service-addr", "127.0.0.1:0");
        var fund = net.CliInRoundAsync("broadcaster", "broadcast", "fund", "--deposit", "1", "--reserve", "1", "--chain-rpc", rpc);
        var o1Uri = new Uri((await o1.WaitForLineAsync(@"serving on (https://\S+)", Ready)).Groups[1].Value);
        var o2Uri = new Uri((await o2.WaitForLineAsync(@"serving on (https://\S+)", Ready)).Groups[1].Value);
        var t1 = net.Start("transcoder-1", "transcoder", "--orch-addr", o1Uri.ToString(), "--orch-secret", Secret, "--capacity", "1", "--http-addr", "127.0.0.1:0");
        var t2 = net.Start("transcoder-2", "transcoder", "--orch-addr", o1Uri.ToString(), "--orch-secret", Secret, "--capacity", "1", "--http-addr", "127.0.0.1:0");
        await Task.WhenAll(t1.WaitForLineAsync("Connected to orchestrator", Ready), t2.WaitForLineAsync("Connected to orchestrator", Ready), fund);
        await net.WaitActiveAsync(net.Account("orchestrator-1"), Ready);

        var broadcaster = net.Start("broadcaster", "broadcaster", "--chain-rpc", rpc, "--rtmp-port", "0", "--http-port", "0", "--profiles", Ladder);
        var started = await broadcaster.WaitForLineAsync(@"rtmp://127\.0\.0\.1:(\d+)/live/STREAM_KEY, play (http://\S+?/)hls/", Ready);
        var rtmpPort = int.Parse(started.Groups[1].Value, CultureInfo.InvariantCulture);
        using var http = new HttpClient { BaseAddress = new Uri(started.Groups[2].Value), Timeout = TimeSpan.FromSeconds(10) };
        await net.UntilAsync(async () => (await http.GetAsync("api/status")).IsSuccessStatusCode, Ready, "the broadcaster's /api/status");
        var setup = clock.Elapsed;

        // 1. One stream through broadcaster -> orchestrator 1 -> remote transcoder processes.
        var first = new PlaylistWatch(http, "first");
        var publishFirst = net.Publish(rtmpPort, "first", seconds: 30);
        var publishedAt = clock.Elapsed;
        await net.UntilAsync(async () => (await first.PollAsync()).All(v => v.Value.Count >= 1) && first.Count("tiny") >= 1, Ready, "the first rendition of the first stream");
        var firstRendition = clock.Elapsed - publishedAt;
        await net.UntilAsync(async () => { await first.PollAsync(); return Tasks(t1) + Tasks(t2) >= 2; }, Ready, "the transcoders to transcode two segments");

        // 3. The working transcoder process dies: orchestrator 1 has no local transcoder, so what follows can only come
        // from the other one.
        var (busy, spare) = Tasks(t1) >= Tasks(t2) ? (t1, t2) : (t2, t1);
        busy.Kill();
        var sourceAtTranscoderKill = (await first.PollAsync())["source"].Count;
        var spareBefore = Tasks(spare);
        await net.UntilAsync(async () => { await first.PollAsync(); return Tasks(spare) >= spareBefore + 2; }, Ready, $"{spare.Name} to take over {busy.Name}'s work");

        // 4. Orchestrator 2's operator registers it; orchestrator 1, full with the first stream, says so to anyone asking.
        await net.CliInRoundAsync("orchestrator-2", "stake", "bond", "1000", "--to", net.Account("orchestrator-2").ToString(), "--chain-rpc", rpc);
        await net.CliInRoundAsync("orchestrator-2", "orchestrator", "register", "--reward-cut", "10%", "--fee-share", "50%",
            "--service-uri", o2Uri.ToString(), "--chain-rpc", rpc);
        await net.WaitActiveAsync(net.Account("orchestrator-2"), Ready);
        using (var probe = new OrchestratorConnection(PrivateKey.Generate()))
        {
            var refusal = await Assert.ThrowsAsync<OrchestratorCallException>(() => probe.GetInfoAsync(o1Uri, CancellationToken.None));
            Assert.Equal("at-capacity", refusal.Reason);
            Assert.NotNull(await probe.GetInfoAsync(o2Uri, CancellationToken.None));
        }
        var second = new PlaylistWatch(http, "second");
        var publishSecond = net.Publish(rtmpPort, "second", seconds: 10);

        // 2. Orchestrator 1 dies (SIGKILL) in the middle of the first stream: the rest goes to orchestrator 2.
        var sourceBeforeKill = (await first.PollAsync())["source"].Count;
        await net.UntilAsync(async () => (await first.PollAsync())["source"].Count >= sourceBeforeKill + 1, Ready, "another segment of the first stream");
        o1.Kill();
        var killedAt = clock.Elapsed;
        var sourceAtKill = first.Count("source");
        var tinyAtKill = first.Count("tiny");
        await net.UntilAsync(async () => { await first.PollAsync(); return first.Count("tiny") > tinyAtKill; }, Ready, "a rendition after the orchestrator was killed");
        var failover = clock.Elapsed - killedAt;
        await net.UntilAsync(async () => { await first.PollAsync(); await second.PollAsync(); return first.Ended && second.Ended; }, TimeSpan.FromSeconds(90), "both streams to end on every variant");
        Assert.Equal(0, await publishFirst.WaitForExitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(0, await publishSecond.WaitForExitAsync(TimeSpan.FromSeconds(10)));

        // No variant misses a segment: every media sequence number of the source is in every rendition, without a gap.
        foreach (var watch in new[] { first, second })
        {
            var source = watch.Segments["source"];
            Assert.True(source.Count >= 3, $"{watch.Stream}: only {source.Count} source segments");
            Assert.Equal(Enumerable.Range((int)source.Keys.Min(), source.Count).Select(i => (long)i), source.Keys.Order());
            foreach (var v in Variants.Skip(1))
            {
                Assert.Equal(source.Keys.Order(), watch.Segments[v].Keys.Order());
                Assert.False(watch.Discontinuous(v), $"{watch.Stream}/{v} has a discontinuity: a segment was not transcoded");
            }
        }
        Assert.True(first.Count("source") > sourceAtKill + 1, $"the first stream ended right at the kill ({sourceAtKill} of {first.Count("source")} segments)");

        // Orchestrator 2 served the second stream and the first one's rest; the broadcaster saw orchestrator 1 fail.
        var status = JsonDocument.Parse(await http.GetStringAsync("api/status")).RootElement;
        var stats = status.GetProperty("orchestrators").EnumerateArray().ToDictionary(o => o.GetProperty("address").GetString()!, o => o);
        var byO2 = stats[net.Account("orchestrator-2").ToString()].GetProperty("segments").GetInt64();
        var afterKill = first.Count("source") - sourceAtKill;
        Assert.True(byO2 >= second.Count("source") + afterKill - 1, $"orchestrator 2 transcoded {byO2} segments; the second stream has {second.Count("source")} and the first {afterKill} after the kill");
        Assert.True(stats[net.Account("orchestrator-1").ToString()].GetProperty("failures").GetInt64() >= 1, "the broadcaster never saw orchestrator 1 fail");

        // The surviving transcoder's own status command reports the work it did and that it is looking for its (killed)
        // orchestrator; its /metrics parse and counted the same work.
        var spareStatusUri = (await spare.WaitForLineAsync(@"status on (http://\S+?/)status", Ready)).Groups[1].Value;
        // It may still finish a task between its log line and a status read: wait until the two agree.
        JsonElement spareStatus = default;
        await net.UntilAsync(async () =>
        {
            var text = await net.CliAsync("broadcaster", "transcoder", "status", "--addr", spareStatusUri, "--json");
            spareStatus = JsonDocument.Parse(text[text.IndexOf('{', StringComparison.Ordinal)..]).RootElement;
            return spareStatus.GetProperty("tasksDone").GetInt32() == Tasks(spare);
        }, Ready, $"{spare.Name}'s status to count the {Tasks(spare)} tasks it logged");
        Assert.Equal("reconnecting", spareStatus.GetProperty("state").GetString()); // its orchestrator was killed
        await net.UntilAsync(async () => Livepeer.Node.Tests.Observability.PrometheusText.Parse(await http.GetStringAsync(new Uri(new Uri(spareStatusUri), "/metrics")))
            .Value("livepeer_transcoder_tasks_completed_total") == Tasks(spare), Ready, $"{spare.Name}'s /metrics to count the {Tasks(spare)} tasks it logged");

        // The first stream plays with every rendition in hls.js in headless Chromium.
        var report = await PlayAsync(js, new Uri(http.BaseAddress!, "hls/first/index.m3u8"));
        var heights = report.GetProperty("levels").EnumerateArray().Select(l => l.GetProperty("height").GetInt32()).OrderDescending().ToList();
        Assert.Equal([180, 144, 90], heights);
        Assert.All(report.GetProperty("levels").EnumerateArray(), l => Assert.True(l.GetProperty("advanced").GetDouble() >= 0.5));

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"setup {setup.TotalSeconds:0.0} s; first rendition {firstRendition.TotalSeconds:0.0} s after publishing; transcoder kill at source segment {sourceAtTranscoderKill}; " +
            $"orchestrator kill at {killedAt.TotalSeconds:0.0} s (source segment {sourceAtKill}), next rendition {failover.TotalSeconds:0.0} s later; first stream {first.Count("source")} segments, second {second.Count("source")}, " +
            $"by orchestrator 2 {byO2}; {busy.Name} (killed) {Tasks(busy)} tasks, {spare.Name} {Tasks(spare)}; total {clock.Elapsed.TotalSeconds:0.0} s"));
    }

    private static int Tasks(NodeProcess transcoder) => TaskDone().Matches(transcoder.Output).Count;

    [GeneratedRegex(@"Task \d+ \(\S+\) (?:for orchestrator \S+ )?transcoded into \d+ renditions")]
    private static partial Regex TaskDone();

    /// <summary>Serves the test player page and hls.js, and runs playback.mjs against it.</summary>
    private static async Task<JsonElement> PlayAsync(string js, Uri master)
    {
        await using var server = await MediaHttpServer.StartAsync(new MediaHttpServerOptions { Port = 0 }, new HlsStreamStore(), new DashStreamStore(), mapExtra: app =>
        {
            app.MapGet("/player.html", () => Results.File(Path.Combine(js, "player.html"), "text/html"));
            app.MapGet("/test-js/hls.min.js", () => Results.File(Path.Combine(js, "node_modules", "hls.js", "dist", "hls.min.js"), "text/javascript"));
            app.MapGet("/test-js/dash.all.min.js", () => Results.File(Path.Combine(js, "node_modules", "dashjs", "dist", "modern", "umd", "dash.all.min.js"), "text/javascript"));
        });
        var page = new Uri(server.BaseAddress, $"player.html?mode=hls&src={Uri.EscapeDataString(master.ToString())}");
        var node = NodeProcess.Start("playback", "node", [Path.Combine(js, "playback.mjs"), page.ToString()]);
        await using (node)
        {
            var code = await node.WaitForExitAsync(TimeSpan.FromSeconds(120));
            Assert.True(code == 0, $"hls.js playback failed ({code}): {node.Output}");
            return JsonDocument.Parse(node.Output.Trim().Split('\n')[^1]).RootElement.Clone();
        }
    }

    /// <summary>
    /// Follows one stream's variant playlists while it runs (the live window is short), keeping each variant's segments by
    /// media sequence number, whether a discontinuity appeared, and whether the playlist ended.
    /// </summary>
    private sealed class PlaylistWatch(HttpClient http, string stream)
    {
        private readonly HashSet<string> _discontinuous = [];
        private readonly HashSet<string> _ended = [];

        public string Stream => stream;
        public Dictionary<string, SortedDictionary<long, string>> Segments { get; } = Variants.ToDictionary(v => v, _ => new SortedDictionary<long, string>());
        public bool Ended => _ended.Count == Variants.Length;
        public int Count(string variant) => Segments[variant].Count;
        public bool Discontinuous(string variant) => _discontinuous.Contains(variant);

        public async Task<Dictionary<string, SortedDictionary<long, string>>> PollAsync()
        {
            foreach (var v in Variants)
            {
                using var response = await http.GetAsync($"hls/{stream}/{v}/index.m3u8");
                if (!response.IsSuccessStatusCode) continue;
                var sequence = 0L;
                foreach (var line in (await response.Content.ReadAsStringAsync()).Split('\n').Select(l => l.Trim()))
                {
                    if (line.StartsWith("#EXT-X-MEDIA-SEQUENCE:", StringComparison.Ordinal)) sequence = long.Parse(line[22..], CultureInfo.InvariantCulture);
                    else if (line == "#EXT-X-DISCONTINUITY") _discontinuous.Add(v);
                    else if (line == "#EXT-X-ENDLIST") _ended.Add(v);
                    else if (line.Length > 0 && !line.StartsWith('#')) Segments[v][sequence++] = line;
                }
            }
            return Segments;
        }
    }
}
