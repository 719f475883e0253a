using System.Net;
using Livepeer.Chain.Client;
using Livepeer.Chain.Hosting;
using Livepeer.Core.Crypto;
using Livepeer.Node.Orchestrator;
using Livepeer.Protocol.Engine;
using Livepeer.Protocol.Parameters;

namespace Livepeer.Node.Bench.Network;

/// <summary>An in-process ledger with one registered, active orchestrator and a funded broadcaster, on loopback.</summary>
public sealed class BenchNetwork : IAsyncDisposable
{
    private readonly string _dir;

    private BenchNetwork(string dir, LedgerNode ledger, OrchestratorNode orchestrator, PrivateKey broadcaster) =>
        (_dir, Ledger, Orchestrator, BroadcasterKey) = (dir, ledger, orchestrator, broadcaster);

    /// <summary>The ledger.</summary>
    public LedgerNode Ledger { get; }
    /// <summary>The orchestrator.</summary>
    public OrchestratorNode Orchestrator { get; }
    /// <summary>The funded broadcaster key.</summary>
    public PrivateKey BroadcasterKey { get; }

    /// <summary>Starts the ledger, the orchestrator over <paramref name="transcoder"/>, funds the broadcaster and moves to the next round.</summary>
    public static async Task<BenchNetwork> StartAsync(IOrchestratorTranscoder transcoder, OrchestratorServingOptions? serving = null)
    {
        var random = new Random(7);
        var orchestratorKey = PrivateKey.Generate(random.NextBytes);
        var broadcaster = PrivateKey.Generate(random.NextBytes);
        var dir = Directory.CreateTempSubdirectory("node-bench-").FullName;
        var genesis = Path.Combine(dir, "genesis.json");
        await File.WriteAllTextAsync(genesis, $$"""
            { "preset": "devnet", "startBlock": 0, "parameters": { "RoundLength": 100000 },
              "allocations": [ { "address": "{{orchestratorKey.Address}}", "amount": "{{ProtocolParameters.Lpt(1000)}}" } ],
              "eth": [ { "address": "{{broadcaster.Address}}", "amount": "{{ProtocolParameters.Lpt(100)}}" } ] }
            """);
        var ledger = await LedgerNode.StartAsync(new LedgerOptions
        {
            DataDirectory = Path.Combine(dir, "chain"), GenesisFile = genesis, Rpc = "127.0.0.1:0", BlockTime = TimeSpan.FromMilliseconds(200),
        }, TimeProvider.System);
        var orchestrator = await OrchestratorNode.StartAsync(orchestratorKey, transcoder, new OrchestratorNodeOptions
        {
            DataDirectory = Path.Combine(dir, "orch"), ChainRpc = ledger.RpcUri, Listen = new IPEndPoint(IPAddress.Loopback, 0),
            Register = new RegistrationOptions(ProtocolParameters.Lpt(500), 100_000, 500_000), RewardInterval = TimeSpan.FromHours(1),
            ChainPoll = TimeSpan.FromMilliseconds(200), Serving = serving ?? new OrchestratorServingOptions(), Payments = new Livepeer.Node.Payments.PaymentOptions { ParamsValidityBlocks = 1_000_000 },
        }, TimeProvider.System);
        using (var funder = new LedgerClient(ledger.RpcUri, broadcaster))
        {
            await funder.FundDepositAndReserveAsync(ProtocolParameters.Lpt(40), ProtocolParameters.Lpt(40));
            var round = ProtocolEngine.CurrentRound(ledger.Executor.State, ledger.Sequencer.PendingBlockNumber);
            while (ledger.Sequencer.Read(b => ProtocolEngine.CurrentRound(ledger.Executor.State, b.Number)) == round) ledger.Sequencer.SealBlock();
            // The orchestrator node may initialize the new round first (it polls the ledger).
            try { await funder.InitializeRoundAsync(); }
            catch (ChainTransactionException e) when (e.Reason == "RoundAlreadyInitialized") { }
        }
        await Task.Delay(500); // the orchestrator's chain view catches up with the new round
        return new BenchNetwork(dir, ledger, orchestrator, broadcaster);
    }

    /// <summary>Stops everything and deletes the data.</summary>
    public async ValueTask DisposeAsync()
    {
        await Orchestrator.DisposeAsync();
        await Ledger.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }
}
