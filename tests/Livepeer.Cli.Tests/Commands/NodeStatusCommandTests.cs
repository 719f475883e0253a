using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Livepeer.Chain.Hosting;
using Livepeer.Core.Crypto;
using Livepeer.Node.Broadcaster;
using Livepeer.Node.Orchestrator;
using Livepeer.Node.Transcoder;

namespace Livepeer.Cli.Tests.Commands;

/// <summary>`livepeer chain|orchestrator|broadcaster|transcoder status` against nodes running in this process.</summary>
public sealed class NodeStatusCommandTests : IAsyncLifetime
{
    private static readonly Dictionary<string, string?> NoEnvironment = [];
    private readonly string _dir = Directory.CreateTempSubdirectory("livepeer-status-").FullName;
    private LedgerNode _ledger = null!;

    public async Task InitializeAsync()
    {
        var genesis = Path.Combine(_dir, "genesis.json");
        await File.WriteAllTextAsync(genesis, """{ "preset": "devnet", "startBlock": 0, "allocations": [] }""");
        _ledger = await LedgerNode.StartAsync(new LedgerOptions
        {
            DataDirectory = Path.Combine(_dir, "chain"), GenesisFile = genesis, Rpc = "127.0.0.1:0", BlockTime = TimeSpan.FromMilliseconds(100),
        }, TimeProvider.System);
    }

    [Fact]
    public void ChainStatusPrintsTheLedgersFactsAndItsJson()
    {
        var human = CliProcess.Run(NoEnvironment, "chain", "status", "--addr", _ledger.RpcUri.ToString());
        Assert.True(human.ExitCode == 0, human.Stderr);
        Assert.StartsWith($"Ledger at {_ledger.RpcUri}", human.Stdout);
        Assert.Contains("chainId: 1337", human.Stdout);
        Assert.Matches(@"blockHeight: \d+", human.Stdout);
        Assert.Contains($"dataDir: {_ledger.DataDirectory}", human.Stdout);

        var json = CliProcess.Run(NoEnvironment, "chain", "status", "--addr", _ledger.RpcUri.ToString(), "--json");
        Assert.True(json.ExitCode == 0, json.Stderr);
        var document = JsonNode.Parse(json.Stdout)!.AsObject();
        Assert.Equal(_ledger.Status().Select(p => p.Key), document.Select(p => p.Key));
        Assert.Equal(1337UL, (ulong)document["chainId"]!);
    }

    [Fact]
    public async Task OrchestratorStatusShowsItsAddressOverItsSelfSignedCertificate()
    {
        var key = PrivateKey.Generate(new Random(5).NextBytes);
        await using var node = await OrchestratorNode.StartAsync(key, new NoTranscoder(), new OrchestratorNodeOptions
        {
            DataDirectory = Path.Combine(_dir, "orchestrator"), ChainRpc = _ledger.RpcUri, Listen = new IPEndPoint(IPAddress.Loopback, 0),
        }, TimeProvider.System);

        var human = CliProcess.Run(NoEnvironment, "orchestrator", "status", "--addr", node.ServiceUri.ToString());
        Assert.True(human.ExitCode == 0, human.Stderr);
        Assert.StartsWith($"Orchestrator {key.Address} at {node.ServiceUri}", human.Stdout);
        Assert.Contains("self-signed", human.Stdout);
        Assert.Contains("pricePerUnit: 1200", human.Stdout);
        Assert.Contains("sessions: 0", human.Stdout);

        var json = CliProcess.Run(NoEnvironment, "orchestrator", "status", "--addr", node.ServiceUri.ToString(), "--json");
        Assert.True(json.ExitCode == 0, json.Stderr);
        Assert.Equal(key.Address.ToString(), (string?)JsonNode.Parse(json.Stdout)!["address"]);
    }

    [Fact]
    public async Task BroadcasterStatusIsItsApiStatusDocument()
    {
        var key = PrivateKey.Generate(new Random(6).NextBytes);
        await using var node = await BroadcasterNode.StartAsync(key, new BroadcasterNodeOptions
        {
            OrchestratorAddresses = [new Uri("https://127.0.0.1:1")], RtmpPort = 0, HttpPort = 0,
        }, TimeProvider.System);
        var json = CliProcess.Run(NoEnvironment, "broadcaster", "status", "--addr", node.HttpAddress.ToString(), "--json");
        Assert.True(json.ExitCode == 0, json.Stderr);
        var document = JsonNode.Parse(json.Stdout)!.AsObject();
        Assert.Equal(0, (long)document["segmentsIn"]!);
        Assert.NotNull(document["streams"]);
        var human = CliProcess.Run(NoEnvironment, "broadcaster", "status", "--addr", node.HttpAddress.ToString());
        Assert.Contains("segmentsIn: 0", human.Stdout);
        Assert.Contains("streams: none", human.Stdout);
    }

    [Fact]
    public async Task TranscoderStatusSaysItIsReconnectingToAnAbsentOrchestrator()
    {
        var orchestrator = new Uri($"https://127.0.0.1:{FreePort()}");
        await using var node = new TranscoderNode(new TranscoderNodeOptions { OrchestratorUri = orchestrator, Secret = "s", Capacity = 3 },
            new NoTranscoder(), TimeProvider.System, new Random(1));
        await using var server = await TranscoderStatusServer.StartAsync(node, new IPEndPoint(IPAddress.Loopback, 0));
        node.Start();
        var human = CliProcess.Run(NoEnvironment, "transcoder", "status", "--addr", server.Address.ToString());
        Assert.True(human.ExitCode == 0, human.Stderr);
        Assert.StartsWith($"Transcoder at {server.Address}", human.Stdout);
        Assert.Contains($"orchestrator: {orchestrator}", human.Stdout);
        Assert.Contains("capacity: 3", human.Stdout);
        Assert.Contains("state: reconnecting", human.Stdout);
        Assert.Contains("connected: false", human.Stdout);
    }

    [Theory]
    [InlineData("transcoder", "http", "livepeer transcoder")]
    [InlineData("orchestrator", "https", "livepeer orchestrator")]
    [InlineData("broadcaster", "http", "livepeer broadcaster")]
    [InlineData("chain", "http", "livepeer chain")]
    public void NoNodeRunningIsAClearError(string command, string scheme, string hint)
    {
        var address = $"{scheme}://127.0.0.1:{FreePort()}";
        var result = CliProcess.Run(NoEnvironment, command, "status", "--addr", address);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"error: no node answers at {address}/: start it with `{hint}", result.Stderr);
        Assert.Equal("", result.Stdout);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async Task DisposeAsync()
    {
        await _ledger.DisposeAsync();
        try { Directory.Delete(_dir, recursive: true); }
        catch (IOException) { }
    }

    private sealed class NoTranscoder : IOrchestratorTranscoder
    {
        public Task<IReadOnlyList<TranscodedRendition>> TranscodeAsync(SegmentJob job, CancellationToken ct) =>
            throw new InvalidOperationException("not used: no segment is sent in these tests");
    }
}
