using System.Text.RegularExpressions;
using Livepeer.Chain.Client;
using Livepeer.Core;
using Livepeer.Ethereum.Chain;
using Livepeer.Ethereum.Networks;
using Livepeer.Ethereum.Rpc;
using Livepeer.Node.Devnet;

namespace Livepeer.E2E.Tests;

/// <summary>
/// One `livepeer devnet --chain evm --demo --cheat wrong-pixels` for all of <see cref="EvmDevnetTests"/>: started once,
/// with a reader of anvil's logs and an HTTP client of the dashboard.
/// </summary>
public sealed class EvmDevnetFixture : IAsyncLifetime
{
    /// <summary>The protocol events the tests read.</summary>
    public static readonly string[] Events = ["WinningTicketRedeemed", "TranscoderSlashed", "FailedVerificationSlashed", "Reward", "NewRound"];

    private readonly string _dir = Directory.CreateTempSubdirectory("devnet-evm-e2e-").FullName;
    private DevnetProcess? _devnet;
    private EthereumChain? _chain;

    internal DevnetProcess Devnet => _devnet!;
    /// <summary>A reader of anvil (no key).</summary>
    public EthereumChain Chain => _chain!;
    /// <summary>The dashboard (the broadcaster's HTTP server).</summary>
    public HttpClient Http { get; private set; } = null!;
    /// <summary>The devnet's accounts.</summary>
    public DevnetAccounts Accounts { get; private set; } = null!;
    /// <summary>Where the devnet keeps anvil's state file and pid file.</summary>
    public string AnvilDirectory => Path.Combine(_dir, "data", "devnet", "evm", "anvil");
    /// <summary>The orchestrator that cheats.</summary>
    public Address Cheater => Accounts["orchestrator-2"].Address;
    /// <summary>The orchestrators that do not.</summary>
    public Address[] Honest => [Accounts["orchestrator-1"].Address, Accounts["orchestrator-3"].Address];
    /// <summary>What the devnet printed, to explain a failure.</summary>
    public string Output => $"\nDevnet output:\n{Devnet.Output}";

    public async Task InitializeAsync()
    {
        _devnet = await DevnetProcess.StartAsync(Path.Combine(_dir, "data"), TimeSpan.FromMinutes(2), "--chain", "evm", "--demo", "--cheat", "wrong-pixels");
        var line = Regex.Match(_devnet.Output, @"anvil:\s+(http://\S+)\s+Controller (0x[0-9a-fA-F]{40})");
        Assert.True(line.Success, $"the devnet did not print anvil's URL and Controller:{Output}");
        _chain = await EthereumChain.ConnectAsync(new EthereumRpc(new Uri(line.Groups[1].Value)), EthereumNetwork.Resolve("anvil", Address.Parse(line.Groups[2].Value)), key: null);
        Accounts = DevnetAccounts.LoadOrCreate(Path.Combine(_dir, "data", "devnet"));
        Http = new HttpClient { BaseAddress = _devnet.Dashboard, Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>Every event of <see cref="Events"/> on anvil's chain now.</summary>
    public async Task<IReadOnlyList<ChainLog>> LogsAsync() => await Chain.GetLogsAsync(0, await Chain.LogBlockNumberAsync(), Events);

    public async Task DisposeAsync()
    {
        Http?.Dispose();
        _chain?.Dispose();
        if (_devnet is not null) await _devnet.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }
}
