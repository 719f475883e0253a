using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Livepeer.Chain.Client;
using Livepeer.Chain.Hosting;
using Livepeer.Media.Profiles;
using Livepeer.Node.Broadcaster;
using Livepeer.Node.Chains;
using Livepeer.Node.Orchestrator;
using Livepeer.Node.Orchestrator.Misbehaviour;
using Livepeer.Node.Orchestrator.Transcoders;
using Livepeer.Node.Payments;
using Livepeer.Node.Services;
using Livepeer.Node.Transcoder;
using Livepeer.Node.Transcoding;
using Livepeer.Node.Verifier;
using Livepeer.Protocol.Parameters;
using Microsoft.Extensions.Logging;

namespace Livepeer.Node.Devnet;

/// <summary>
/// A whole Livepeer network in one process: the ledger (short rounds), three orchestrators with different stakes, prices
/// and reward cuts (the last one transcoding on a remote transcoder node, as a separate transcoder operator would), three
/// delegators bonded to them, a funded broadcaster serving the dashboard, and optionally a demo stream. State persists in
/// the data directory between runs.
/// </summary>
public sealed partial class DevnetNetwork : IAsyncDisposable
{
    private readonly List<OrchestratorNode> _orchestrators = [];
    private readonly List<VerifierNode> _verifiers = [];
    private TranscoderNode? _remoteTranscoder;
    private TranscoderStatusServer? _remoteTranscoderStatus;
    private readonly List<JsonObject> _slashes = [];
    private readonly SemaphoreSlim _slashScan = new(1, 1);
    private long _slashScannedBlock;
    private readonly List<(long Round, JsonObject Sample)> _history = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _loops = [];
    private LedgerNode? _ledger;
    private EvmDevnet? _evm;
    private IChainConnector _connector = null!;
    private BroadcasterNode? _broadcaster;
    private ILivepeerChain? _reader;
    private DevnetAccounts _accounts = null!;

    /// <summary>The ledger (with <see cref="DevnetChain.Ledger"/>).</summary>
    public LedgerNode Ledger => _ledger ?? throw new InvalidOperationException("This devnet runs on anvil, not the ledger: see Evm.");
    /// <summary>anvil and the deployment (with <see cref="DevnetChain.Evm"/>), or null.</summary>
    public EvmDevnet? Evm => _evm;
    /// <summary>The chain's JSON-RPC URL (the ledger's, or anvil's).</summary>
    public Uri ChainUri => _evm?.Anvil.RpcUrl ?? Ledger.RpcUri;
    /// <summary>The broadcaster (RTMP and HTTP addresses).</summary>
    public BroadcasterNode Broadcaster => _broadcaster!;
    /// <summary>The orchestrators.</summary>
    public IReadOnlyList<OrchestratorNode> Orchestrators => _orchestrators;
    /// <summary>The verifier nodes (the delegators, appointed in genesis; 2 of 3 attestations slash).</summary>
    public IReadOnlyList<VerifierNode> Verifiers => _verifiers;
    /// <summary>The remote transcoder node working for the last orchestrator.</summary>
    public TranscoderNode RemoteTranscoder => _remoteTranscoder!;
    /// <summary>Where the remote transcoder serves /status and /metrics.</summary>
    public Uri RemoteTranscoderStatus => _remoteTranscoderStatus!.Address;

    // The remote transcoder's status port sits just below the orchestrators' (8934 with the default 8936); 0 picks a free one.
    private static int TranscoderStatusPort(DevnetOptions options) => options.OrchestratorBasePort > 2 ? options.OrchestratorBasePort - 2 : 0;

    /// <summary>Starts everything, reporting each step to <paramref name="progress"/>.</summary>
    public static async Task<DevnetNetwork> StartAsync(DevnetOptions options, TimeProvider time, ILoggerFactory loggers, IProgress<string> progress, CancellationToken ct)
    {
        options.Validate();
        if (options.Fresh && Directory.Exists(options.DataDirectory)) Directory.Delete(options.DataDirectory, recursive: true);
        var net = new DevnetNetwork();
        try
        {
            await net.StartInternalAsync(options, time, loggers, progress, ct);
            return net;
        }
        catch
        {
            await net.DisposeAsync();
            throw;
        }
    }

    private async Task StartInternalAsync(DevnetOptions options, TimeProvider time, ILoggerFactory loggers, IProgress<string> progress, CancellationToken ct)
    {
        var dir = options.DataDirectory;
        _accounts = DevnetAccounts.LoadOrCreate(dir);
        if (options.Chain == DevnetChain.Evm)
        {
            // anvil's state and the nodes' data live under evm/, kept across restarts like the ledger's (--fresh deletes them).
            dir = Path.Combine(dir, "evm");
            progress.Report($"Starting anvil on 127.0.0.1:{options.RpcPort} (a block every {options.BlockTime.TotalSeconds:0.#} s, rounds of {options.RoundLength} blocks)");
            _evm = await EvmDevnet.StartAsync(options.RpcPort, Path.Combine(dir, "anvil"), options.BlockTime, ProtocolParameters.Devnet with { RoundLength = options.RoundLength },
                [.. DevnetPlan.Lpt().Select(a => (_accounts[a.Name].Address, a.Amount))], [.. DevnetPlan.Eth().Select(a => (_accounts[a.Name].Address, a.Amount))],
                [.. DevnetPlan.Verifiers.Select(n => _accounts[n].Address)], DevnetPlan.VerifierThreshold, progress, ct, loggers.CreateLogger<EvmDevnet>());
            _connector = _evm.Connector;
        }
        else
        {
            var genesis = Path.Combine(dir, "genesis.json");
            if (!File.Exists(genesis)) await File.WriteAllTextAsync(genesis, DevnetPlan.GenesisJson(_accounts, options.RoundLength), ct);
            progress.Report($"Starting the ledger on 127.0.0.1:{options.RpcPort} (rounds of {options.RoundLength} blocks)");
            _ledger = await LedgerNode.StartAsync(new LedgerOptions
            {
                DataDirectory = Path.Combine(dir, "chain"), GenesisFile = genesis, Rpc = $"127.0.0.1:{options.RpcPort}", BlockTime = options.BlockTime,
            }, time, loggers, ct);
            _connector = new LedgerConnector(_ledger.RpcUri);
        }
        _reader = await _connector.ConnectAsync(null, time, ct);

        for (var i = 0; i < DevnetPlan.Orchestrators.Length; i++)
        {
            var plan = DevnetPlan.Orchestrators[i];
            var port = options.OrchestratorBasePort == 0 ? 0 : options.OrchestratorBasePort + i;
            var remote = i == DevnetPlan.RemoteTranscodedOrchestrator;
            var cheats = plan.Name == DevnetPlan.CheatingOrchestrator && options.Cheat != Misbehaviour.None;
            progress.Report($"Starting {plan.Name} on 127.0.0.1:{port} ({plan.Stake} LPT self-bond, {plan.Price} wei/pixel{(remote ? ", remote transcoder" : "")}" +
                $"{(cheats ? $", CHEATING: {options.Cheat}, watch it get caught and slashed" : "")})");
            // A fresh secret each start: only the transcoder started below, in this process, knows it.
            var secret = remote ? Convert.ToHexString(RandomNumberGenerator.GetBytes(16)) : null;
            IOrchestratorTranscoder transcoder = secret is null
                ? LocalSegmentTranscoder.Ffmpeg()
                : new TranscoderPool(new TranscoderPoolOptions { Secret = secret }, local: null, time, loggers.CreateLogger<TranscoderPool>());
            var node = await OrchestratorNode.StartAsync(_accounts[plan.Name], transcoder, new OrchestratorNodeOptions
            {
                DataDirectory = Path.Combine(dir, plan.Name), Chain = _connector, Listen = new IPEndPoint(IPAddress.Loopback, port),
                Serving = new OrchestratorServingOptions { PricePerUnit = plan.Price, Misbehaviour = plan.Name == DevnetPlan.CheatingOrchestrator ? options.Cheat : Misbehaviour.None },
                // Small face values and a 50% win chance: a ticket goes out every few demo segments, so a newcomer sees winning
                // tickets redeemed within the first minute (at 5% the first win often took minutes).
                Payments = new PaymentOptions { RedemptionCost = 20_000_000_000UL, TxCostMultiplier = 10, TicketExpectedValue = 100_000_000_000UL },
                Register = new RegistrationOptions(ProtocolParameters.Lpt(plan.Stake), plan.RewardCut, plan.FeeShare),
                RewardInterval = TimeSpan.FromSeconds(2), RedeemInterval = TimeSpan.FromSeconds(3),
            }, time, loggers, ct);
            _orchestrators.Add(node);
            if (secret is not null)
            {
                progress.Report($"Starting a remote transcoder for {plan.Name} at {node.ServiceUri} (capacity {DevnetPlan.RemoteTranscoderCapacity})");
                _remoteTranscoder = new TranscoderNode(new TranscoderNodeOptions { OrchestratorUri = node.ServiceUri, Secret = secret, Capacity = DevnetPlan.RemoteTranscoderCapacity },
                    LocalSegmentTranscoder.Ffmpeg(), time, new Random(), loggers.CreateLogger<TranscoderNode>()).Start();
                _remoteTranscoderStatus = await TranscoderStatusServer.StartAsync(_remoteTranscoder,
                    new IPEndPoint(IPAddress.Loopback, TranscoderStatusPort(options)), loggers, ct);
            }
        }

        foreach (var (delegator, orchestrator, amount) in DevnetPlan.Bonds)
        {
            using var client = await _connector.ConnectAsync(_accounts[delegator], time, ct);
            if ((await client.GetDelegatorAsync(_accounts[delegator].Address, ct)).BondedAmount.IsZero)
            {
                progress.Report($"{delegator} bonds {amount} LPT to {orchestrator}");
                await RoundSafe.RunAsync(client, () => client.BondAsync(ProtocolParameters.Lpt(amount), _accounts[orchestrator].Address, ct), time, ct);
            }
        }
        using (var funder = await _connector.ConnectAsync(_accounts["broadcaster"], time, ct))
        {
            if ((await funder.GetSenderInfoAsync(_accounts["broadcaster"].Address, ct)).Deposit.IsZero)
            {
                progress.Report("The broadcaster funds its ticket deposit and reserve (10 ETH each)");
                await RoundSafe.RunAsync(funder, () => funder.FundDepositAndReserveAsync(ProtocolParameters.Lpt(10), ProtocolParameters.Lpt(10), ct), time, ct);
            }
        }

        progress.Report($"Starting {DevnetPlan.Verifiers.Length} verifier nodes ({string.Join(", ", DevnetPlan.Verifiers)}; {DevnetPlan.VerifierThreshold} attestations slash)");
        foreach (var name in DevnetPlan.Verifiers)
            _verifiers.Add(await VerifierNode.StartAsync(_accounts[name], new VerifierNodeOptions { Chain = _connector, Poll = TimeSpan.FromSeconds(1) }, time, loggers));

        progress.Report($"Starting the broadcaster: RTMP on 127.0.0.1:{options.RtmpPort}, HTTP on 127.0.0.1:{options.HttpPort}");
        _broadcaster = await BroadcasterNode.StartAsync(_accounts["broadcaster"], new BroadcasterNodeOptions
        {
            Chain = _connector, RtmpPort = options.RtmpPort, HttpPort = options.HttpPort, WebRoot = options.WebRoot,
            Profiles = [VideoProfilePresets.ByName["P360p30fps16x9"], VideoProfilePresets.ByName["P240p30fps16x9"], VideoProfilePresets.ByName["P144p30fps16x9"]],
            StatusExtender = ExtendStatusAsync,
            Verification = new Broadcaster.Verification.ResultVerificationOptions { EvidenceDirectory = Path.Combine(dir, "evidence") },
        }, time, loggers, ct);
        _loops.Add(SampleHistoryAsync(_stop.Token));
        if (options.Demo)
        {
            progress.Report("Publishing the demo stream (ffmpeg test pattern and tone) under the key demo");
            _loops.Add(DevnetDemoStream.PublishAsync(_broadcaster.RtmpPort, loggers.CreateLogger<DevnetNetwork>(), _stop.Token));
        }
        if (options.Cheat != Misbehaviour.None)
        {
            progress.Report($"Sending short probe streams until the broadcaster's checks catch {DevnetPlan.CheatingOrchestrator}");
            _loops.Add(DevnetDemoStream.ProbeUntilCaughtAsync(_broadcaster, _accounts[DevnetPlan.CheatingOrchestrator].Address, loggers.CreateLogger<DevnetNetwork>(), _stop.Token));
        }
    }

    /// <summary>Stops everything in reverse order.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_loops);
        if (_broadcaster is not null) await _broadcaster.DisposeAsync();
        foreach (var v in _verifiers) await v.DisposeAsync();
        if (_remoteTranscoderStatus is not null) await _remoteTranscoderStatus.DisposeAsync();
        if (_remoteTranscoder is not null) await _remoteTranscoder.DisposeAsync();
        foreach (var o in _orchestrators) await o.DisposeAsync();
        _reader?.Dispose();
        _slashScan.Dispose();
        if (_ledger is not null) await _ledger.DisposeAsync();
        if (_evm is not null) await _evm.DisposeAsync();
        _stop.Dispose();
    }
}
