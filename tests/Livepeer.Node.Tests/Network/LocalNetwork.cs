using System.Diagnostics;
using System.Net;
using Livepeer.Chain.Client;
using Livepeer.Chain.Hosting;
using Livepeer.Core;
using Livepeer.Core.Crypto;
using Livepeer.Media.Profiles;
using Livepeer.Node.Broadcaster;
using Livepeer.Node.Broadcaster.Verification;
using Livepeer.Node.Orchestrator;
using Livepeer.Node.Payments;
using Livepeer.Node.Selection;
using Livepeer.Node.Verifier;
using Livepeer.Protocol.Engine;
using Livepeer.Protocol.Parameters;

namespace Livepeer.Node.Tests.Network;

/// <summary>
/// An in-process network for the checks: a ledger with long rounds (advanced by sealing blocks), funded accounts,
/// orchestrators that register themselves, and ways to publish and watch streams.
/// </summary>
public sealed class LocalNetwork : IAsyncDisposable
{
    private readonly List<IAsyncDisposable> _nodes = [];
    private readonly string _dir;

    private LocalNetwork(string dir, LedgerNode ledger, PrivateKey broadcaster, IReadOnlyList<PrivateKey> accounts, IReadOnlyList<PrivateKey> verifiers)
    {
        (_dir, Ledger, BroadcasterKey, Accounts, Verifiers) = (dir, ledger, broadcaster, accounts, verifiers);
    }

    /// <summary>The verifier set written into genesis (empty unless asked for).</summary>
    public IReadOnlyList<PrivateKey> Verifiers { get; }

    /// <summary>The ledger.</summary>
    public LedgerNode Ledger { get; }
    /// <summary>The broadcaster's key (holds ETH for a deposit).</summary>
    public PrivateKey BroadcasterKey { get; }
    /// <summary>Accounts holding 1000 LPT each (orchestrators, delegators).</summary>
    public IReadOnlyList<PrivateKey> Accounts { get; }
    /// <summary>A tiny two-rendition ladder that ffmpeg transcodes fast.</summary>
    public static IReadOnlyList<VideoProfile> TinyLadder { get; } = [new("low", 320, 180, 300_000, 30, 1, 2), new("tiny", 160, 90, 100_000, 15, 1, 2)];

    /// <summary>
    /// Starts a ledger with <paramref name="accounts"/> LPT holders and a broadcaster holding ETH; with
    /// <paramref name="verifiers"/> &gt; 0, genesis appoints that many verifiers, <paramref name="verifierThreshold"/> of which slash.
    /// </summary>
    public static async Task<LocalNetwork> StartAsync(int accounts, int seed, int verifiers = 0, int verifierThreshold = 0)
    {
        var random = new Random(seed);
        var keys = Enumerable.Range(0, accounts).Select(_ => PrivateKey.Generate(random.NextBytes)).ToList();
        var broadcaster = PrivateKey.Generate(random.NextBytes);
        var verifierKeys = Enumerable.Range(0, verifiers).Select(_ => PrivateKey.Generate(random.NextBytes)).ToList();
        var verifierSet = verifiers == 0 ? "" : $$""", "verifiers": [ {{string.Join(",", verifierKeys.Select(k => $"\"{k.Address}\""))}} ], "verifierThreshold": {{verifierThreshold}}""";
        var dir = Directory.CreateTempSubdirectory("network-").FullName;
        var genesis = Path.Combine(dir, "genesis.json");
        var allocations = string.Join(",", keys.Select(k => $$"""{ "address": "{{k.Address}}", "amount": "{{ProtocolParameters.Lpt(1000)}}" }"""));
        await File.WriteAllTextAsync(genesis, $$"""
            { "preset": "devnet", "startBlock": 0, "parameters": { "RoundLength": 5000 },
              "allocations": [ {{allocations}} ],
              "eth": [ { "address": "{{broadcaster.Address}}", "amount": "{{ProtocolParameters.Lpt(10)}}" } ]{{verifierSet}} }
            """);
        var ledger = await LedgerNode.StartAsync(new LedgerOptions
        {
            DataDirectory = Path.Combine(dir, "chain"), GenesisFile = genesis, Rpc = "127.0.0.1:0", BlockTime = TimeSpan.FromMilliseconds(50),
        }, TimeProvider.System);
        return new LocalNetwork(dir, ledger, broadcaster, keys, verifierKeys);
    }

    /// <summary>Starts an orchestrator that registers <paramref name="stake"/> LPT with the given fee share; disposed with the network unless disposed first.</summary>
    public async Task<OrchestratorNode> StartOrchestratorAsync(PrivateKey key, ulong stakeLpt, IOrchestratorTranscoder transcoder,
        OrchestratorServingOptions? serving = null, PaymentOptions? payments = null, long feeShare = 500_000)
    {
        var node = await OrchestratorNode.StartAsync(key, transcoder, new OrchestratorNodeOptions
        {
            DataDirectory = Path.Combine(_dir, "orch-" + key.Address), ChainRpc = Ledger.RpcUri, Listen = new IPEndPoint(IPAddress.Loopback, 0),
            Register = new RegistrationOptions(ProtocolParameters.Lpt(stakeLpt), 100_000, feeShare), RewardInterval = TimeSpan.FromHours(1),
            RedeemInterval = TimeSpan.FromHours(1), ChainPoll = TimeSpan.FromMilliseconds(200), Serving = serving ?? new OrchestratorServingOptions(), Payments = payments ?? new PaymentOptions(),
        }, TimeProvider.System);
        _nodes.Add(node);
        return node;
    }

    /// <summary>Stops a node before the network ends (an orchestrator going away mid-stream).</summary>
    public async Task StopAsync(IAsyncDisposable node)
    {
        _nodes.Remove(node);
        await node.DisposeAsync();
    }

    /// <summary>Funds the broadcaster's deposit and reserve (in ETH units of 1e18 wei).</summary>
    public async Task FundBroadcasterAsync(ulong deposit = 1, ulong reserve = 1)
    {
        using var funder = new LedgerClient(Ledger.RpcUri, BroadcasterKey);
        await funder.FundDepositAndReserveAsync(ProtocolParameters.Lpt(deposit), ProtocolParameters.Lpt(reserve));
    }

    /// <summary>Seals blocks until the next round starts and initializes it (without calling reward), so new registrations become active.</summary>
    public async Task<long> NextRoundAsync()
    {
        var round = ProtocolEngine.CurrentRound(Ledger.Executor.State, Ledger.Sequencer.PendingBlockNumber);
        while (Ledger.Sequencer.Read(b => ProtocolEngine.CurrentRound(Ledger.Executor.State, b.Number)) == round) Ledger.Sequencer.SealBlock();
        using var client = new LedgerClient(Ledger.RpcUri, BroadcasterKey);
        try { await client.InitializeRoundAsync(); }
        catch (ChainTransactionException e) when (e.Reason == "RoundAlreadyInitialized") { }
        return (await client.GetRoundInfoAsync()).CurrentRound;
    }

    /// <summary>
    /// Starts a broadcaster that finds orchestrators on the ledger. Result verification is off unless
    /// <paramref name="verification"/> is given (most checks here use instant fake transcoders).
    /// </summary>
    public async Task<BroadcasterNode> StartBroadcasterAsync(IReadOnlyList<VideoProfile>? profiles = null, SelectionOptions? selection = null,
        ResultVerificationOptions? verification = null, PaymentLimits? limits = null)
    {
        verification ??= new ResultVerificationOptions { Enabled = false };
        verification.EvidenceDirectory ??= Path.Combine(_dir, "evidence");
        var node = await BroadcasterNode.StartAsync(BroadcasterKey, new BroadcasterNodeOptions
        {
            ChainRpc = Ledger.RpcUri, RtmpPort = 0, HttpPort = 0, Profiles = profiles ?? TinyLadder, Selection = selection ?? new SelectionOptions(),
            Verification = verification, PaymentLimits = limits ?? new PaymentLimits(),
        }, TimeProvider.System);
        _nodes.Add(node);
        return node;
    }

    /// <summary>Starts a verifier node for one of <see cref="Verifiers"/>, polling the ledger often.</summary>
    public async Task<VerifierNode> StartVerifierAsync(PrivateKey key)
    {
        var node = await VerifierNode.StartAsync(key, new VerifierNodeOptions { ChainRpc = Ledger.RpcUri, Poll = TimeSpan.FromMilliseconds(100) }, TimeProvider.System);
        _nodes.Add(node);
        return node;
    }

    /// <summary>An orchestrator client for the broadcaster key over a fixed list of orchestrators (controlled selection).</summary>
    /// <remarks>With <paramref name="limits"/>, tickets are checked against them and the broadcaster's deposit on the ledger.</remarks>
    public OrchestratorClient Transcoder(IReadOnlyList<OrchestratorCandidate> candidates, SelectionOptions? options = null, int seed = 1, BroadcasterMetrics? metrics = null,
        PaymentLimits? limits = null)
    {
        options ??= new SelectionOptions();
        var suspensions = new SuspensionList(options, TimeProvider.System);
        return new OrchestratorClient(BroadcasterKey, new FixedDirectory(candidates), new OrchestratorConnection(BroadcasterKey),
            new OrchestratorSelector(options, suspensions, new Random(seed)), suspensions, options)
        {
            Metrics = metrics, Limits = limits,
            Deposit = limits is null ? null : async ct =>
            {
                using var chain = new LedgerClient(Ledger.RpcUri);
                return (await chain.GetSenderInfoAsync(BroadcasterKey.Address, ct)).Deposit;
            },
        };
    }

    /// <summary>A candidate for an orchestrator node with the given stake weight.</summary>
    public static OrchestratorCandidate Candidate(OrchestratorNode node, UInt256 stake) => new(node.Core.Address, node.ServiceUri, stake, UInt256.Zero, UInt256.One);

    /// <summary>Publishes a test pattern over RTMP for <paramref name="seconds"/> in real time, with 2-second GOPs.</summary>
    public static Process Publish(int rtmpPort, string stream, int seconds, string size = "640x360") =>
        Process.Start(new ProcessStartInfo("ffmpeg",
            ["-v", "error", "-re", "-f", "lavfi", "-i", $"testsrc2=size={size}:rate=30", "-f", "lavfi", "-i", "sine=frequency=440",
             "-t", seconds.ToString(System.Globalization.CultureInfo.InvariantCulture), "-c:v", "libx264", "-preset", "ultrafast", "-g", "60", "-keyint_min", "60",
             "-sc_threshold", "0", "-c:a", "aac", "-f", "flv", $"rtmp://127.0.0.1:{rtmpPort}/live/{stream}"]) { RedirectStandardError = true })!;

    /// <summary>Segment URIs listed in an HLS media playlist, in order.</summary>
    public static IReadOnlyList<string> Segments(string playlist) =>
        playlist.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();

    /// <summary>Stops every node still running, the ledger, and deletes the data.</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var node in Enumerable.Reverse(_nodes)) await node.DisposeAsync();
        await Ledger.DisposeAsync();
        try { Directory.Delete(_dir, recursive: true); }
        catch (IOException) { }
    }

    private sealed class FixedDirectory(IReadOnlyList<OrchestratorCandidate> candidates) : IOrchestratorDirectory
    {
        public Task<IReadOnlyList<OrchestratorCandidate>> CandidatesAsync(CancellationToken ct) => Task.FromResult(candidates);
    }
}
