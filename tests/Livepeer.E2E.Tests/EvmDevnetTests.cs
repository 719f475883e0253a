using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using Livepeer.Chain.Client;
using Livepeer.Core;
using Livepeer.Ethereum.Chain;
using Livepeer.Ethereum.Networks;
using Livepeer.Ethereum.Rpc;
using Livepeer.Node.Devnet;

namespace Livepeer.E2E.Tests;

/// <summary>
/// `livepeer devnet --chain evm --demo --cheat wrong-pixels`: the same network as the default devnet on anvil with
/// Livepeer's contracts. The demo plays in the dashboard in headless Chromium; on chain (read with eth_getLogs) winning
/// tickets are redeemed, the honest orchestrators call reward every round, and the cheater is slashed through the
/// Verifier while the stream goes on.
/// </summary>
[Collection(RealTimeNetworks.Name)]
public sealed class EvmDevnetTests : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("devnet-evm-e2e-").FullName;

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        Directory.Delete(_dir, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task On_anvil_the_demo_plays_tickets_are_redeemed_rewards_are_minted_every_round_and_the_cheater_is_slashed_while_the_stream_goes_on()
    {
        var js = Livepeer.Core.Tests.Interop.RepositoryPaths.JsTests;
        Assert.True(File.Exists(Path.Combine(js, "node_modules", "playwright-core", "package.json")), "tests/js/node_modules is missing: run ./test.sh (it runs npm ci).");
        await using var devnet = await DevnetProcess.StartAsync(Path.Combine(_dir, "data"), TimeSpan.FromMinutes(2), "--chain", "evm", "--demo", "--cheat", "wrong-pixels");
        var line = Regex.Match(devnet.Output, @"anvil:\s+(http://\S+)\s+Controller (0x[0-9a-fA-F]{40})");
        Assert.True(line.Success, $"the devnet did not print anvil's URL and Controller:\n{devnet.Output}");
        using var chain = await EthereumChain.ConnectAsync(new EthereumRpc(new Uri(line.Groups[1].Value)),
            EthereumNetwork.Resolve("anvil", Address.Parse(line.Groups[2].Value)), key: null);
        var accounts = DevnetAccounts.LoadOrCreate(Path.Combine(_dir, "data", "devnet"));
        var cheater = accounts["orchestrator-2"].Address;
        Address[] honest = [accounts["orchestrator-1"].Address, accounts["orchestrator-3"].Address];

        // The demo plays with renditions, a round passes with rewards (two or three orchestrators active: the cheater may be out already).
        var artifacts = Path.Combine(Livepeer.Core.Tests.Interop.RepositoryPaths.Root, "test-artifacts");
        Directory.CreateDirectory(artifacts);
        var dashboard = Process.Start(new ProcessStartInfo("node", [Path.Combine(js, "dashboard.mjs"), devnet.Dashboard.ToString(), Path.Combine(artifacts, "devnet-evm-dashboard.png"), "90", "2"])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = js,
        })!;
        var stdout = dashboard.StandardOutput.ReadToEndAsync();
        var stderr = dashboard.StandardError.ReadToEndAsync();
        await dashboard.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(3));
        Assert.True(dashboard.ExitCode == 0, $"The dashboard check failed: {(await stdout).Trim()}\n{await stderr}\nDevnet output:\n{devnet.Output}");
        var report = JsonDocument.Parse((await stdout).Trim()).RootElement;
        Assert.True(report.GetProperty("playing").GetBoolean() && report.GetProperty("renditions").GetInt32() > 1);

        // On chain: a winning ticket redeemed and the cheater slashed, within a bound.
        IReadOnlyList<ChainLog> logs = [];
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(100);
        bool Redeemed() => logs.Any(l => l.Event.Name == "WinningTicketRedeemed");
        bool Slashed() => logs.Any(l => l.Event.Name == "TranscoderSlashed" && Address.Parse(l.Event.Args.GetProperty("transcoder").GetString()!) == cheater);
        while (DateTime.UtcNow < deadline && !(Redeemed() && Slashed()))
        {
            await Task.Delay(TimeSpan.FromSeconds(2));
            logs = await chain.GetLogsAsync(0, await chain.LogBlockNumberAsync(), ["WinningTicketRedeemed", "TranscoderSlashed", "FailedVerificationSlashed", "Reward", "NewRound"]);
        }
        using var http = new HttpClient { BaseAddress = devnet.Dashboard };
        var status = await http.GetStringAsync("api/status");
        Assert.True(Redeemed(), $"no WinningTicketRedeemed event on anvil; status: {status}\nDevnet output:\n{devnet.Output}");
        Assert.True(Slashed(), $"the cheater {cheater} was not slashed on anvil; status: {status}\nDevnet output:\n{devnet.Output}");
        var redeemed = logs.First(l => l.Event.Name == "WinningTicketRedeemed").Event.Args;
        Assert.Equal(accounts["broadcaster"].Address, Address.Parse(redeemed.GetProperty("sender").GetString()!));
        // The verifiers' second attestation slashes, once per evidence (the broadcaster may catch the cheater on more than one
        // segment before it is out of the pool: each is its own evidence).
        var slashedEvidence = logs.Where(l => l.Event.Name == "FailedVerificationSlashed").Select(l => l.Event.Args.GetProperty("evidence").GetString()).ToList();
        Assert.NotEmpty(slashedEvidence);
        Assert.Equal(slashedEvidence.Distinct().Count(), slashedEvidence.Count);

        // Rewards every round: each round initialized after the first reward, up to the last complete one, has a Reward from both honest orchestrators.
        var rounds = logs.Where(l => l.Event.Name == "NewRound").OrderBy(l => l.BlockNumber).ToList();
        var rewards = logs.Where(l => l.Event.Name == "Reward").ToList();
        var firstRewarded = rounds.FindIndex(r => rewards.Any(w => w.BlockNumber >= r.BlockNumber && (rounds.IndexOf(r) + 1 == rounds.Count || w.BlockNumber < rounds[rounds.IndexOf(r) + 1].BlockNumber)));
        Assert.True(firstRewarded >= 0, "no Reward event at all");
        var checkedRounds = 0;
        for (var i = firstRewarded; i + 1 < rounds.Count; i++, checkedRounds++)
        {
            var inRound = rewards.Where(w => w.BlockNumber >= rounds[i].BlockNumber && w.BlockNumber < rounds[i + 1].BlockNumber)
                .Select(w => Address.Parse(w.Event.Args.GetProperty("transcoder").GetString()!)).ToHashSet();
            Assert.True(honest.All(inRound.Contains), $"round {rounds[i].Event.Args.GetProperty("round")} has rewards from {string.Join(", ", inRound)} only");
        }
        Assert.True(checkedRounds >= 3, $"only {checkedRounds} complete rounds were checked");

        // The dashboard reads the slash from the chain, the cheater is out of the pool, and the stream goes on.
        var slashes = JsonDocument.Parse(status).RootElement.GetProperty("slashes");
        Assert.Contains(slashes.EnumerateArray(), s => Address.Parse(s.GetProperty("orchestrator").GetString()!) == cheater && s.GetProperty("reason").GetString() == "failed verification");
        Assert.DoesNotContain(await chain.GetTranscoderPoolAsync(), e => e.Transcoder == cheater);
        // The stream goes on: segments keep arriving and being transcoded by the orchestrators left.
        var (received, transcoded) = await SegmentsAsync(http);
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        var now = (received, transcoded);
        while (DateTime.UtcNow < until && !(now.received > received && now.transcoded > transcoded))
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            now = await SegmentsAsync(http);
        }
        Assert.True(now.received > received && now.transcoded > transcoded,
            $"after the slash the broadcaster received {now.received - received} and got {now.transcoded - transcoded} demo segments transcoded in 20 s\nDevnet output:\n{devnet.Output}");
        Assert.Contains("#EXT-X-STREAM-INF", await http.GetStringAsync("hls/demo/index.m3u8"));
    }

    private static async Task<(double Received, double Transcoded)> SegmentsAsync(HttpClient http)
    {
        var metrics = Livepeer.Node.Tests.Observability.PrometheusText.Parse(await http.GetStringAsync("metrics"));
        return (metrics.Value("livepeer_broadcaster_segments_received_total"), metrics.Value("livepeer_broadcaster_segments_transcoded_total"));
    }
}
