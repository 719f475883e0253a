using System.Net;
using Google.Protobuf;
using Grpc.Net.Client;
using Livepeer.Chain.Client;
using Livepeer.Chain.Hosting;
using Livepeer.Core;
using Livepeer.Core.Crypto;
using Livepeer.Node.Orchestrator;
using Livepeer.Node.Tests.Support;
using Livepeer.Protocol.Engine;
using Livepeer.Protocol.Parameters;
using Proto = Livepeer.Wire.Messages;

namespace Livepeer.Node.Tests.Orchestrator;

/// <summary>A whole orchestrator node against a real ledger: it registers itself, serves discovery, and calls reward each round.</summary>
public sealed class OrchestratorNodeTests : IAsyncLifetime
{
    private readonly PrivateKey _orchestrator = PrivateKey.Generate(new Random(41).NextBytes);
    private readonly PrivateKey _broadcaster = PrivateKey.Generate(new Random(42).NextBytes);
    private readonly string _dir = Directory.CreateTempSubdirectory("orch-node-").FullName;
    private LedgerNode _ledger = null!;

    private sealed class NoTranscoder : IOrchestratorTranscoder
    {
        public Task<IReadOnlyList<TranscodedRendition>> TranscodeAsync(SegmentJob job, CancellationToken ct) => throw new NotSupportedException("not used here");
    }

    public async Task InitializeAsync() => _ledger = await TwoAccountLedger.StartAsync(_dir, _orchestrator, _broadcaster);

    public async Task DisposeAsync()
    {
        await _ledger.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task TheNodeRegistersServesDiscoveryAndCallsRewardEachRound()
    {
        var options = new OrchestratorNodeOptions
        {
            DataDirectory = Path.Combine(_dir, "orch"), ChainRpc = _ledger.RpcUri, Listen = new IPEndPoint(IPAddress.Loopback, 0),
            Register = new RegistrationOptions(ProtocolParameters.Lpt(500), 100_000, 500_000),
            RewardInterval = TimeSpan.FromHours(1), RedeemInterval = TimeSpan.FromHours(1), // ticked by the test
        };
        await using var node = await OrchestratorNode.StartAsync(_orchestrator, new NoTranscoder(), options, TimeProvider.System);
        using var reader = new LedgerClient(_ledger.RpcUri);
        var registered = await reader.GetTranscoderAsync(_orchestrator.Address);
        Assert.True(registered.Registered);
        Assert.Equal(100_000, registered.RewardCut);
        Assert.Equal(node.ServiceUri.ToString(), registered.ServiceUri);

        using var broadcaster = new LedgerClient(_ledger.RpcUri, _broadcaster);
        await broadcaster.FundDepositAndReserveAsync(ProtocolParameters.Lpt(1), ProtocolParameters.Lpt(1));
        using var channel = GrpcChannel.ForAddress(node.ServiceUri, new GrpcChannelOptions
        {
            HttpHandler = new SocketsHttpHandler { SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true } },
        });
        var info = await new Proto.Orchestrator.OrchestratorClient(channel).GetOrchestratorAsync(new Proto.OrchestratorRequest
        {
            Address = ByteString.CopyFrom(_broadcaster.Address.Bytes),
            Sig = ByteString.CopyFrom(PersonalMessage.Sign(_broadcaster, Keccak256.Hash(_broadcaster.Address.Bytes).Bytes).ToArray()),
        });
        Assert.NotNull(info.TicketParams);
        Assert.Equal(_orchestrator.Address, new Address(info.TicketParams.Recipient.Span));

        // Next round: the orchestrator is active; one tick initializes the round and calls reward.
        var round = ProtocolEngine.CurrentRound(_ledger.Executor.State, _ledger.Sequencer.PendingBlockNumber);
        while (_ledger.Sequencer.Read(b => ProtocolEngine.CurrentRound(_ledger.Executor.State, b.Number)) == round) _ledger.Sequencer.SealBlock();
        await node.Rewards.TickAsync(CancellationToken.None);
        Assert.Equal(round + 1, node.Rewards.LastRewardRound);
        var after = await reader.GetTranscoderAsync(_orchestrator.Address);
        Assert.Equal(round + 1, after.LastRewardRound);
        Assert.True(after.TotalStake > ProtocolParameters.Lpt(500)); // inflation minted into its stake
        await node.Rewards.TickAsync(CancellationToken.None); // a second tick in the same round does nothing
        Assert.Equal(round + 1, (await reader.GetTranscoderAsync(_orchestrator.Address)).LastRewardRound);
    }

    [Fact]
    public async Task ADownLedgerStopsTheStartWithAClearError()
    {
        var options = new OrchestratorNodeOptions { DataDirectory = Path.Combine(_dir, "orch2"), ChainRpc = new Uri("http://127.0.0.1:1/"), Listen = new IPEndPoint(IPAddress.Loopback, 0) };
        var e = await Assert.ThrowsAsync<ChainUnavailableException>(() => OrchestratorNode.StartAsync(_orchestrator, new NoTranscoder(), options, TimeProvider.System));
        Assert.Contains("livepeer chain", e.Message);
    }
}
