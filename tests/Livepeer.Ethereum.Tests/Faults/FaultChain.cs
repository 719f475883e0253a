using System.Numerics;
using Livepeer.Core;
using Livepeer.Core.Crypto;
using Livepeer.Ethereum.Anvil;
using Livepeer.Ethereum.Chain;
using Livepeer.Ethereum.Contracts;
using Livepeer.Ethereum.Deployment;
using Livepeer.Ethereum.Networks;
using Livepeer.Ethereum.Rpc;
using Livepeer.Ethereum.Transactions;
using Livepeer.Node.Payments;
using Livepeer.Protocol.Parameters;
using Livepeer.Protocol.TicketBroker;
using Livepeer.Protocol.Views;
using Nethereum.Hex.HexTypes;
using Nethereum.RPC.Eth.DTOs;
using Nethereum.Web3.Accounts;
using Newtonsoft.Json.Linq;

namespace Livepeer.Ethereum.Tests.Faults;

/// <summary>
/// The contracts on an anvil that a fault test can kill and restart (same port, state file) or reorganize. Devnet
/// parameters (20-block rounds); accounts 1..8 hold 1,000 LPT, account 9 is the verifier. Clients are
/// <see cref="EthereumChain"/>s with fast polling; the RPC client rides out short outages.
/// </summary>
public sealed class FaultChain : IAsyncDisposable
{
    public static readonly UInt256 Lpt = ProtocolParameters.Lpt(1);
    public static readonly UInt256 Eth = TokenAmount.Eth(1).Wei;

    private readonly List<IDisposable> _clients = [];
    private AnvilOptions _options;

    private FaultChain(AnvilProcess anvil, AnvilOptions options, DeploymentRecord record, string dir)
    {
        Anvil = anvil;
        _options = options;
        Record = record;
        Directory = dir;
        Rpc = new EthereumRpc(anvil.RpcUrl, Retry);
        Network = EthereumNetwork.Resolve("anvil", Address.Parse(record.Controller));
    }

    /// <summary>Short backoffs, enough attempts to cross a restart of a few seconds.</summary>
    public static RpcRetryPolicy Retry { get; } = new() { Attempts = 4, InitialBackoff = TimeSpan.FromMilliseconds(20), RequestTimeout = TimeSpan.FromSeconds(5) };

    public AnvilProcess Anvil { get; private set; }
    public DeploymentRecord Record { get; }
    public EthereumRpc Rpc { get; }
    public EthereumNetwork Network { get; }
    /// <summary>A temporary directory for state files, queues and cursors (deleted on dispose).</summary>
    public string Directory { get; }

    public PrivateKey Key(int account) => PrivateKey.Parse(Anvil.PrivateKeys[account]);
    public Address AddressOf(int account) => Key(account).Address;

    /// <summary>Starts anvil (with its state in a file when <paramref name="persistState"/>) and deploys the protocol.</summary>
    public static async Task<FaultChain> StartAsync(bool persistState = false, IReadOnlyList<string>? extraArguments = null, int stateIntervalSeconds = 1)
    {
        var dir = System.IO.Directory.CreateTempSubdirectory("evm-faults-").FullName;
        var options = new AnvilOptions
        {
            StatePath = persistState ? Path.Combine(dir, "anvil-state.json") : null,
            StateIntervalSeconds = stateIntervalSeconds,
            ExtraArguments = extraArguments ?? [],
        };
        var anvil = await AnvilProcess.StartAsync(options);
        try
        {
            var deployment = new DeploymentOptions
            {
                InitialBalances = Enumerable.Range(1, 8).Select(i => new InitialBalance(new Account(anvil.PrivateKeys[i]).Address, (1000 * Lpt).Value)).ToList(),
                Verifier = new Account(anvil.PrivateKeys[9]).Address,
            };
            var record = await new ProtocolDeployer(anvil.RpcUrl, anvil.PrivateKeys[0], ContractArtifacts.Locate(), ProtocolParameters.Devnet, deployment).DeployAsync();
            return new FaultChain(anvil, options with { Port = anvil.Port }, record, dir);
        }
        catch
        {
            await anvil.DisposeAsync();
            throw;
        }
    }

    /// <summary>An <see cref="EthereumChain"/> signing as dev account <paramref name="account"/>.</summary>
    public async Task<EthereumChain> ConnectAsync(int account, GasPolicy? policy = null)
    {
        policy ??= new GasPolicy { ReceiptPollInterval = TimeSpan.FromMilliseconds(50), MineTimeout = TimeSpan.FromSeconds(60) };
        var chain = await EthereumChain.ConnectAsync(new EthereumRpc(Anvil.RpcUrl, Retry), Network, Key(account), policy);
        _clients.Add(chain);
        return chain;
    }

    /// <summary>Kills anvil at once (SIGKILL, as a crash).</summary>
    public void Kill() => Anvil.Kill();

    /// <summary>Starts anvil again on the same port from its state file.</summary>
    public async Task RestartAsync()
    {
        await Anvil.DisposeAsync();
        Anvil = await AnvilProcess.StartAsync(_options);
    }

    /// <summary>An anvil/evm_* control method.</summary>
    public Task<JToken> ControlAsync(string method, params object[] args) => Rpc.RequestAsync<JToken>(method, CancellationToken.None, args);

    /// <summary>Mines to the last block of the current round: the next transaction opens the next round.</summary>
    public async Task MineToNextRoundAsync()
    {
        var head = await Rpc.BlockNumberAsync();
        var length = ProtocolParameters.Devnet.RoundLength;
        var toMine = length - 1 - head % length;
        if (toMine > 0) await ControlAsync("anvil_mine", new HexBigInteger(toMine).HexValue);
    }

    /// <summary>Mines into the first block of the next round, so views (which read the head block) show it, uninitialized.</summary>
    public async Task EnterNextRoundAsync()
    {
        await MineToNextRoundAsync();
        await ControlAsync("evm_mine");
    }

    /// <summary>Every protocol event <paramref name="name"/> on the chain now.</summary>
    public async Task<List<System.Text.Json.JsonElement>> EventsAsync(string name)
    {
        var logs = await Rpc.LogsAsync(new NewFilterInput
        {
            FromBlock = new BlockParameter(0), ToBlock = BlockParameter.CreateLatest(),
            Address = [.. Record.Contracts.Values],
        });
        return [.. logs.Select(ProtocolEvents.Decode).Where(e => e.Name == name).Select(e => e.Args)];
    }

    /// <summary>A ticket from <paramref name="broadcaster"/> to <paramref name="recipient"/> that always wins, created in <paramref name="round"/>.</summary>
    public WinningTicket WinningTicket(int broadcaster, Address recipient, UInt256 faceValue, RoundInfoView round, ulong nonce)
    {
        var rand = new UInt256(BigInteger.Parse("555000000000000000") + nonce);
        var ticket = new Ticket(recipient, AddressOf(broadcaster), faceValue, UInt256.MaxValue, (UInt256)nonce, Ticket.RecipientRandHashOf(rand),
            round.CurrentRound, round.CurrentRoundBlockHash);
        return new WinningTicket(ticket, Key(broadcaster).Sign(ticket.SigningDigest()).ToArray(), rand, "session-" + nonce);
    }

    /// <summary>Registers <paramref name="orchestrator"/> (bond 500 LPT, transcoder) and funds <paramref name="broadcaster"/> in a new round, then opens the next one (the orchestrator active in it), initialized.</summary>
    public async Task<(EthereumChain Orchestrator, EthereumChain Broadcaster)> SetUpAsync(int orchestrator, int broadcaster)
    {
        var o = await ConnectAsync(orchestrator);
        var b = await ConnectAsync(broadcaster);
        await MineToNextRoundAsync();
        await o.InitializeRoundAsync();
        await o.BondAsync(500 * Lpt, o.Account!.Value);
        await o.TranscoderAsync(rewardCut: 100_000, feeShare: 500_000);
        await b.FundDepositAndReserveAsync(5 * Eth, Eth);
        await MineToNextRoundAsync();
        await o.InitializeRoundAsync();
        return (o, b);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var c in _clients) c.Dispose();
        Rpc.Dispose();
        await Anvil.DisposeAsync();
        try { System.IO.Directory.Delete(Directory, recursive: true); } catch (IOException) { }
    }
}
