using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Livepeer.Chain.Client;
using Livepeer.Core;
using Livepeer.Node.Devnet;
using Livepeer.Node.Tests.Observability;
using Xunit.Abstractions;

namespace Livepeer.E2E.Tests;

/// <summary>
/// `livepeer devnet --chain evm --demo --cheat wrong-pixels`: the same network as the default devnet on anvil with
/// Livepeer's contracts, one devnet for every claim here (<see cref="EvmDevnetFixture"/>), each claim its own test. The
/// demo plays in the dashboard in headless Chromium; on chain (read with eth_getLogs) winning tickets are redeemed, the
/// honest orchestrators call reward every round, the cheater is slashed through the Verifier while the stream goes on;
/// last, anvil is killed mid-stream and the devnet restarts it, and the stream, redemptions and rewards carry on.
/// </summary>
[Collection(RealTimeNetworks.Name)]
[TestCaseOrderer(StepOrderer.Name, StepOrderer.Assembly)]
public sealed class EvmDevnetTests(EvmDevnetFixture net, ITestOutputHelper output) : IClassFixture<EvmDevnetFixture>
{
    [Fact, Step(1)]
    public async Task TheDemoPlaysWithRenditionsInTheDashboardAndARoundPassesWithRewards()
    {
        var js = Livepeer.Core.Tests.Interop.RepositoryPaths.JsTests;
        Assert.True(File.Exists(Path.Combine(js, "node_modules", "playwright-core", "package.json")), "tests/js/node_modules is missing: run ./test.sh (it runs npm ci).");
        var artifacts = Path.Combine(Livepeer.Core.Tests.Interop.RepositoryPaths.Root, "test-artifacts");
        Directory.CreateDirectory(artifacts);
        // Two or three orchestrators active: the cheater may be out already.
        var dashboard = Process.Start(new ProcessStartInfo("node", [Path.Combine(js, "dashboard.mjs"), net.Devnet.Dashboard.ToString(), Path.Combine(artifacts, "devnet-evm-dashboard.png"), "90", "2"])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = js,
        })!;
        var stdout = dashboard.StandardOutput.ReadToEndAsync();
        var stderr = dashboard.StandardError.ReadToEndAsync();
        await dashboard.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(3));
        Assert.True(dashboard.ExitCode == 0, $"The dashboard check failed: {(await stdout).Trim()}\n{await stderr}{net.Output}");
        var report = JsonDocument.Parse((await stdout).Trim()).RootElement;
        Assert.True(report.GetProperty("playing").GetBoolean() && report.GetProperty("renditions").GetInt32() > 1);
    }

    [Fact, Step(2)]
    public async Task WinningTicketsFromTheBroadcastersDepositAreRedeemedOnChain()
    {
        IReadOnlyList<ChainLog> logs = [];
        var redeemed = await Eventually.HoldsAsync(async () => (logs = await net.LogsAsync()).Any(l => l.Event.Name == "WinningTicketRedeemed"), TimeSpan.FromSeconds(100), TimeSpan.FromSeconds(2));
        Assert.True(redeemed, $"no WinningTicketRedeemed event on anvil; status: {await StatusAsync()}{net.Output}");
        var first = logs.First(l => l.Event.Name == "WinningTicketRedeemed").Event.Args;
        Assert.Equal(net.Accounts["broadcaster"].Address, Address.Parse(first.GetProperty("sender").GetString()!));
    }

    [Fact, Step(3)]
    public async Task TheCheaterIsSlashedOnChainOncePerEvidenceAndLeavesThePool()
    {
        IReadOnlyList<ChainLog> logs = [];
        Assert.True(await Eventually.HoldsAsync(async () => Slashed(logs = await net.LogsAsync()), TimeSpan.FromSeconds(100), TimeSpan.FromSeconds(2)),
            $"the cheater {net.Cheater} was not slashed on anvil; status: {await StatusAsync()}{net.Output}");
        // The verifiers' second attestation slashes, once per evidence (the broadcaster may catch the cheater on more than one
        // segment before it is out of the pool: each is its own evidence).
        var evidence = logs.Where(l => l.Event.Name == "FailedVerificationSlashed").Select(l => l.Event.Args.GetProperty("evidence").GetString()).ToList();
        Assert.NotEmpty(evidence);
        Assert.Equal(evidence.Distinct().Count(), evidence.Count);
        // The dashboard reads the slash from the chain; the cheater is out of the pool.
        var slashes = JsonDocument.Parse(await StatusAsync()).RootElement.GetProperty("slashes");
        Assert.Contains(slashes.EnumerateArray(), s => Address.Parse(s.GetProperty("orchestrator").GetString()!) == net.Cheater && s.GetProperty("reason").GetString() == "failed verification");
        Assert.DoesNotContain(await net.Chain.GetTranscoderPoolAsync(), e => e.Transcoder == net.Cheater);
    }

    [Fact, Step(4)]
    public async Task TheStreamGoesOnAfterTheSlashTranscodedByTheOrchestratorsLeft()
    {
        Assert.True(await Eventually.HoldsAsync(async () => Slashed(await net.LogsAsync()), TimeSpan.FromSeconds(100), TimeSpan.FromSeconds(2)), $"the cheater was not slashed{net.Output}");
        var (received, transcoded) = await SegmentsAsync();
        var now = (received, transcoded);
        var goesOn = await Eventually.HoldsAsync(async () => { now = await SegmentsAsync(); return now.received > received && now.transcoded > transcoded; }, TimeSpan.FromSeconds(20));
        Assert.True(goesOn, $"after the slash the broadcaster received {now.received - received} and got {now.transcoded - transcoded} demo segments transcoded in 20 s{net.Output}");
        Assert.Contains("#EXT-X-STREAM-INF", await net.Http.GetStringAsync("hls/demo/index.m3u8"));
    }

    [Fact, Step(5)]
    public async Task TheHonestOrchestratorsAreRewardedEveryRound()
    {
        // Each round initialized after the first reward, up to the last complete one, has a Reward from both honest orchestrators.
        IReadOnlyList<ChainLog> logs = [];
        var complete = await Eventually.HoldsAsync(async () => CompleteRoundsFromFirstReward(logs = await net.LogsAsync()).Count >= 3, TimeSpan.FromSeconds(100), TimeSpan.FromSeconds(2));
        var rounds = CompleteRoundsFromFirstReward(logs);
        Assert.True(complete, $"only {rounds.Count} complete rounds with rewards since the first one{net.Output}");
        foreach (var (round, rewarded) in rounds)
            Assert.True(net.Honest.All(rewarded.Contains), $"round {round} has rewards from {string.Join(", ", rewarded)} only");
    }

    /// <summary>
    /// Issue 13's fault with a live stream: anvil is killed (SIGKILL) mid-stream; the devnet restarts it on the same port
    /// from its state file (what the last save missed is lost). The stream keeps playing with its renditions, winning
    /// tickets are redeemed after the restart, every ticket the orchestrators count as redeemed is on chain once (none lost,
    /// none doubled), and rewards go on in the rounds after it (at most one per orchestrator per round).
    /// </summary>
    [Fact, Step(6)]
    public async Task AnvilKilledMidStreamIsRestartedAndTheStreamRedemptionsAndRewardsCarryOn()
    {
        var pidFile = Path.Combine(net.AnvilDirectory, EvmDevnet.PidFile);
        var pid = int.Parse(await File.ReadAllTextAsync(pidFile), CultureInfo.InvariantCulture);
        // The latest segment in any transcoded rendition (a loaded broadcaster may leave the top ones out of the ladder for a while).
        var before = await LastTranscodedSegmentAsync();
        var headBefore = await net.Chain.LogBlockNumberAsync();
        var clock = Stopwatch.StartNew();
        using (var kill = Process.Start("kill", ["-KILL", pid.ToString(CultureInfo.InvariantCulture)])!) await kill.WaitForExitAsync();

        // The devnet says so and starts another anvil, which answers with the chain it saved.
        var restarted = await Eventually.HoldsAsync(async () =>
            net.Devnet.Output.Contains("anvil restarted", StringComparison.Ordinal) && int.Parse(await File.ReadAllTextAsync(pidFile), CultureInfo.InvariantCulture) != pid,
            TimeSpan.FromSeconds(60), TimeSpan.FromMilliseconds(200));
        Assert.True(restarted, $"anvil (pid {pid}) was not restarted{net.Output}");
        Assert.Contains("anvil (pid " + pid.ToString(CultureInfo.InvariantCulture) + ") exited unexpectedly", net.Devnet.Output);
        long head = 0;
        Assert.True(await Eventually.HoldsAsync(async () => (head = await net.Chain.LogBlockNumberAsync()) > 0, TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(200)), $"the restarted anvil does not answer{net.Output}");
        var down = clock.Elapsed;
        var queueRedeemed = await QueueRedeemedAsync(); // what the orchestrators believe redeemed, some of it maybe lost with anvil
        var playingAt = await LastTranscodedSegmentAsync();
        output.WriteLine($"anvil killed at block {headBefore}, answering again after {down.TotalSeconds:0.0} s at block {head} ({headBefore - head + 1} blocks lost at most); transcoded renditions at segment {before} then {playingAt}");

        // The stream keeps playing: the transcoded renditions grow on past the outage.
        long last = playingAt;
        Assert.True(await Eventually.HoldsAsync(async () => (last = await LastTranscodedSegmentAsync()) >= playingAt + 3, TimeSpan.FromSeconds(60)),
            $"the transcoded renditions grew from segment {playingAt} to {last} only in 60 s after the restart{net.Output}");
        var grown = clock.Elapsed;
        // Winning tickets are redeemed after the restart, and rewards go on in a round initialized after it.
        IReadOnlyList<ChainLog> logs = [];
        bool RedeemedAfter() => logs.Any(l => l.Event.Name == "WinningTicketRedeemed" && l.BlockNumber > head);
        bool RewardedAfter() => RoundsFromFirstReward(logs).Any(r => r.Block > head && net.Honest.All(r.Rewarded.Contains));
        bool NoneLost() => queueRedeemed.All(q => RedeemedTo(logs, q.Key) >= q.Value);
        var carriedOn = await Eventually.HoldsAsync(async () => { logs = await net.LogsAsync(); return RedeemedAfter() && RewardedAfter() && NoneLost(); }, TimeSpan.FromSeconds(120), TimeSpan.FromSeconds(2));
        var status = await StatusAsync();
        Assert.True(RedeemedAfter(), $"no WinningTicketRedeemed after the restart (block {head}); status: {status}{net.Output}");
        Assert.True(RewardedAfter(), $"no round after the restart rewarded both honest orchestrators; status: {status}{net.Output}");
        Assert.True(NoneLost(), $"tickets the orchestrators counted redeemed at the restart ({string.Join(", ", queueRedeemed.Select(q => $"{q.Key}: {q.Value}"))}) are missing on chain ({string.Join(", ", queueRedeemed.Keys.Select(k => $"{k}: {RedeemedTo(logs, k)}"))}){net.Output}");
        Assert.True(carriedOn);

        // None doubled: each ticket (recipient, recipientRand, senderNonce) redeemed once; one Reward per orchestrator per round.
        var tickets = logs.Where(l => l.Event.Name == "WinningTicketRedeemed")
            .Select(l => (Recipient: l.Event.Args.GetProperty("recipient").GetString()!.ToLowerInvariant(), Rand: l.Event.Args.GetProperty("recipientRand").GetString(), Nonce: l.Event.Args.GetProperty("senderNonce").GetString()))
            .ToList();
        Assert.Equal(tickets.Count, tickets.Distinct().Count());
        foreach (var (round, rewarded) in RewardsPerRound(logs))
            Assert.True(rewarded.Count == rewarded.Distinct().Count(), $"round {round} has more than one Reward from one orchestrator: {string.Join(", ", rewarded)}");
        output.WriteLine($"since the kill: 3 more transcoded segments after {grown.TotalSeconds:0} s; a redemption and rewards after the restart, nothing lost, after {clock.Elapsed.TotalSeconds:0} s");
        output.WriteLine($"after the restart: {tickets.Count} tickets redeemed on chain in all ({logs.Count(l => l.Event.Name == "WinningTicketRedeemed" && l.BlockNumber > head)} after it); " +
            $"orchestrators' redeemed counts at the restart {string.Join(", ", queueRedeemed.Values)} all on chain; transcoded renditions at segment {last}");
    }

    private bool Slashed(IReadOnlyList<ChainLog> logs) =>
        logs.Any(l => l.Event.Name == "TranscoderSlashed" && Address.Parse(l.Event.Args.GetProperty("transcoder").GetString()!) == net.Cheater);

    private Task<string> StatusAsync() => net.Http.GetStringAsync("api/status");

    /// <summary>Each round (its NewRound block) with the orchestrators that called reward in it, in order, duplicates kept.</summary>
    private static List<(string Round, long Block, List<Address> Rewarded)> RewardsPerRoundWithBlocks(IReadOnlyList<ChainLog> logs)
    {
        var rounds = logs.Where(l => l.Event.Name == "NewRound").OrderBy(l => l.BlockNumber).ToList();
        var rewards = logs.Where(l => l.Event.Name == "Reward").ToList();
        return [.. rounds.Select((r, i) => (r.Event.Args.GetProperty("round").ToString(), r.BlockNumber,
            rewards.Where(w => w.BlockNumber >= r.BlockNumber && (i + 1 == rounds.Count || w.BlockNumber < rounds[i + 1].BlockNumber))
                .Select(w => Address.Parse(w.Event.Args.GetProperty("transcoder").GetString()!)).ToList()))];
    }

    private static IEnumerable<(string Round, List<Address> Rewarded)> RewardsPerRound(IReadOnlyList<ChainLog> logs) =>
        RewardsPerRoundWithBlocks(logs).Select(r => (r.Round, r.Rewarded));

    /// <summary>The rounds from the first with a reward on.</summary>
    private static List<(string Round, long Block, HashSet<Address> Rewarded)> RoundsFromFirstReward(IReadOnlyList<ChainLog> logs) =>
        [.. RewardsPerRoundWithBlocks(logs).SkipWhile(r => r.Rewarded.Count == 0).Select(r => (r.Round, r.Block, r.Rewarded.ToHashSet()))];

    /// <summary>The complete rounds (a later one has begun) from the first with a reward on.</summary>
    private static List<(string Round, HashSet<Address> Rewarded)> CompleteRoundsFromFirstReward(IReadOnlyList<ChainLog> logs) =>
        [.. RoundsFromFirstReward(logs).SkipLast(1).Select(r => (r.Round, r.Rewarded))];

    private static int RedeemedTo(IReadOnlyList<ChainLog> logs, Address recipient) =>
        logs.Count(l => l.Event.Name == "WinningTicketRedeemed" && Address.Parse(l.Event.Args.GetProperty("recipient").GetString()!) == recipient);

    /// <summary>Per orchestrator, the tickets its redemption queue holds as redeemed (from the dashboard's status).</summary>
    private async Task<Dictionary<Address, long>> QueueRedeemedAsync() =>
        JsonDocument.Parse(await StatusAsync()).RootElement.GetProperty("orchestrators").EnumerateArray()
            .ToDictionary(o => Address.Parse(o.GetProperty("address").GetString()!), o => o.GetProperty("ticketsRedeemed").GetInt64());

    /// <summary>The sequence number after the latest segment in any transcoded rendition of the demo (not the source).</summary>
    private async Task<long> LastTranscodedSegmentAsync()
    {
        var master = await net.Http.GetStringAsync("hls/demo/index.m3u8");
        var variants = master.Split('\n').Select(l => l.Trim()).Where(l => l.EndsWith("/index.m3u8", StringComparison.Ordinal))
            .Select(l => l[..l.IndexOf('/', StringComparison.Ordinal)]).Where(v => v != Livepeer.Media.Pipeline.LivePipeline.SourceName).ToList();
        Assert.True(variants.Count > 0, $"no transcoded rendition in the master playlist:\n{master}");
        var last = 0L;
        foreach (var variant in variants)
        {
            var playlist = await net.Http.GetStringAsync($"hls/demo/{variant}/index.m3u8");
            var sequence = long.Parse(Regex.Match(playlist, @"#EXT-X-MEDIA-SEQUENCE:(\d+)").Groups[1].Value, CultureInfo.InvariantCulture);
            last = Math.Max(last, sequence + Regex.Matches(playlist, "#EXTINF:").Count);
        }
        return last;
    }

    private async Task<(double Received, double Transcoded)> SegmentsAsync()
    {
        var metrics = PrometheusText.Parse(await net.Http.GetStringAsync("metrics"));
        return (metrics.Value("livepeer_broadcaster_segments_received_total"), metrics.Value("livepeer_broadcaster_segments_transcoded_total"));
    }
}
