using System.Diagnostics;
using System.Net;
using Livepeer.Chain.Client;
using Livepeer.Chain.Hosting;
using Livepeer.Core.Crypto;
using Livepeer.Media.Profiles;
using Livepeer.Media.Transcoding;
using Livepeer.Node.Broadcaster;
using Livepeer.Node.Orchestrator;
using Livepeer.Node.Transcoding;
using Livepeer.Protocol.Engine;
using Livepeer.Protocol.Parameters;

namespace Livepeer.Node.Tests.Network;

/// <summary>
/// ffmpeg publishes RTMP to a broadcaster, which finds the orchestrator on the ledger, pays it with tickets and gets
/// renditions transcoded by real ffmpeg back into its HLS output.
/// </summary>
public sealed class OneStreamThroughTheNetworkTests : IAsyncLifetime
{
    private readonly PrivateKey _orchestratorKey = PrivateKey.Generate(new Random(51).NextBytes);
    private readonly PrivateKey _broadcasterKey = PrivateKey.Generate(new Random(52).NextBytes);
    private readonly string _dir = Directory.CreateTempSubdirectory("network-").FullName;
    private LedgerNode _ledger = null!;

    public async Task InitializeAsync()
    {
        var genesis = Path.Combine(_dir, "genesis.json");
        await File.WriteAllTextAsync(genesis, $$"""
            { "preset": "devnet", "startBlock": 0, "parameters": { "RoundLength": 5000 },
              "allocations": [ { "address": "{{_orchestratorKey.Address}}", "amount": "{{ProtocolParameters.Lpt(1000)}}" } ],
              "eth": [ { "address": "{{_broadcasterKey.Address}}", "amount": "{{ProtocolParameters.Lpt(10)}}" } ] }
            """);
        _ledger = await LedgerNode.StartAsync(new LedgerOptions
        {
            DataDirectory = Path.Combine(_dir, "chain"), GenesisFile = genesis, Rpc = "127.0.0.1:0", BlockTime = TimeSpan.FromMilliseconds(50),
        }, TimeProvider.System);
    }

    public async Task DisposeAsync()
    {
        await _ledger.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task APublishedStreamComesOutTranscodedAndPaid()
    {
        await using var orchestrator = await OrchestratorNode.StartAsync(_orchestratorKey, new LocalSegmentTranscoder(new FfmpegTranscoder()), new OrchestratorNodeOptions
        {
            DataDirectory = Path.Combine(_dir, "orch"), ChainRpc = _ledger.RpcUri, Listen = new IPEndPoint(IPAddress.Loopback, 0),
            Register = new RegistrationOptions(ProtocolParameters.Lpt(500), 100_000, 500_000), RewardInterval = TimeSpan.FromHours(1),
        }, TimeProvider.System);
        using (var funder = new LedgerClient(_ledger.RpcUri, _broadcasterKey))
            await funder.FundDepositAndReserveAsync(ProtocolParameters.Lpt(1), ProtocolParameters.Lpt(1));
        // Next round: the orchestrator is active and listed for discovery.
        var round = ProtocolEngine.CurrentRound(_ledger.Executor.State, _ledger.Sequencer.PendingBlockNumber);
        while (_ledger.Sequencer.Read(b => ProtocolEngine.CurrentRound(_ledger.Executor.State, b.Number)) == round) _ledger.Sequencer.SealBlock();
        await orchestrator.Rewards.TickAsync(CancellationToken.None);

        VideoProfile[] ladder = [new("low", 320, 180, 300_000, 30, 1, 2), new("tiny", 160, 90, 100_000, 15, 1, 2)];
        await using var broadcaster = await BroadcasterNode.StartAsync(_broadcasterKey, new BroadcasterNodeOptions
        {
            ChainRpc = _ledger.RpcUri, RtmpPort = 0, HttpPort = 0, Profiles = ladder,
        }, TimeProvider.System);

        var publish = Process.Start(new ProcessStartInfo("ffmpeg",
            ["-v", "error", "-re", "-f", "lavfi", "-i", "testsrc2=size=640x360:rate=30", "-f", "lavfi", "-i", "sine=frequency=440",
             "-t", "7", "-c:v", "libx264", "-preset", "ultrafast", "-g", "60", "-keyint_min", "60", "-sc_threshold", "0", "-c:a", "aac",
             "-f", "flv", $"rtmp://127.0.0.1:{broadcaster.RtmpPort}/live/demo"]) { RedirectStandardError = true })!;
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
        Assert.Equal(_orchestratorKey.Address, stats.Key);
        Assert.Equal(0, stats.Value.Failures);
        Assert.True(broadcaster.Network!.TicketsSent > 0);
    }
}
