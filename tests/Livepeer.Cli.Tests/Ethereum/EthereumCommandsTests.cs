using System.Net.Http.Json;
using System.Text.Json;
using Livepeer.Ethereum.Anvil;

namespace Livepeer.Cli.Tests.Ethereum;

/// <summary>The CLI against a real anvil: contracts deploy and verify, then token-holder commands with --eth-url.</summary>
public sealed class EthereumCommandsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cli-eth-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private CliProcess.Result Cli(params string[] args) =>
        CliProcess.Run(new Dictionary<string, string?>(), ["--datadir", Path.Combine(_dir, "data"), .. args]);

    private static async Task Rpc(Uri url, string method, params object[] args)
    {
        using var http = new HttpClient();
        (await http.PostAsJsonAsync(url, new { jsonrpc = "2.0", id = 1, method, @params = args })).EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task DeployVerifyAndTheRoundCommandsWorkOnAnvilAndAWrongNetworkOrALowGasCapSendsNothing()
    {
        await using var anvil = await AnvilProcess.StartAsync();
        var password = Path.Combine(_dir, "password");
        await File.WriteAllTextAsync(password, "secret\n");
        var created = Cli("account", "new", "--password-file", password, "--light-kdf", "--json");
        Assert.Equal(0, created.ExitCode);
        var account = JsonDocument.Parse(created.Stdout).RootElement.GetProperty("address").GetString()!;
        await Rpc(anvil.RpcUrl, "anvil_setBalance", account, "0x3635C9ADC5DEA00000");
        var parameters = Path.Combine(_dir, "params.json");
        await File.WriteAllTextAsync(parameters, """{ "roundLength": 20, "numActiveTranscoders": 10 }""");
        var url = anvil.RpcUrl.ToString();

        var refused = Cli("contracts", "deploy", "--eth-url", url, "--core-only", "--verifier", account, "--password-file", password);
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("--core-only deploys no Verifier", refused.Stderr);

        // The whole set: core, governance and the Verifier, handed to the Treasury (the governance tests run proposals on it).
        var deployed = Cli("contracts", "deploy", "--eth-url", url, "--params", parameters, "--mint", $"{account}=1000", "--verifier", account,
            "--password-file", password, "--json");
        Assert.True(deployed.ExitCode == 0, deployed.Stderr);
        var record = JsonDocument.Parse(deployed.Stdout).RootElement;
        var contracts = record.GetProperty("contracts");
        foreach (var name in new[] { "BondingManager", "TicketBroker", "BondingVotes", "LivepeerGovernor", "Treasury", "Verifier" })
            Assert.True(contracts.TryGetProperty(name, out _), $"{name} is not in the deployment file: {contracts}");
        var controller = record.GetProperty("controller").GetString()!;
        Assert.Equal(31337, record.GetProperty("chainId").GetInt64());
        Assert.True(File.Exists(record.GetProperty("file").GetString()));

        var verified = Cli("contracts", "verify", "--eth-url", url, "--eth-controller", controller);
        Assert.True(verified.ExitCode == 0, verified.Stdout + verified.Stderr);
        Assert.Contains("the deployment answers Livepeer's interface", verified.Stdout);

        string[] eth = ["--eth-url", url, "--network", "anvil", "--eth-controller", controller];
        await Rpc(anvil.RpcUrl, "anvil_mine", "0x14");
        var initialized = Cli(["round", "initialize", "--password-file", password, .. eth]);
        Assert.True(initialized.ExitCode == 0, initialized.Stderr);
        var status = JsonDocument.Parse(Cli(["round", "status", "--json", .. eth]).Stdout).RootElement;
        Assert.True(status.GetProperty("initialized").GetBoolean());
        Assert.Equal(20, status.GetProperty("roundLength").GetInt64());

        var again = Cli(["round", "initialize", "--password-file", password, .. eth]);
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("RoundAlreadyInitialized", again.Stderr);
        Assert.Contains("Nothing to do: the round is already initialized.", again.Stderr); // the ledger's hint

        var wrongChain = Cli("round", "status", "--eth-url", url, "--eth-controller", controller); // default network: arbitrum-one-mainnet
        Assert.Equal(1, wrongChain.ExitCode);
        Assert.Contains("on chain 31337, not chain 42161", wrongChain.Stderr);

        // The node commands take the same options and make the same chain-id check before they start.
        var wrongNode = Cli("verifier", "--password-file", password, "--eth-url", url, "--eth-controller", controller);
        Assert.Equal(1, wrongNode.ExitCode);
        Assert.Contains("on chain 31337, not chain 42161", wrongNode.Stderr);

        var capped = Cli(["stake", "bond", "10", "--to", account, "--password-file", password, "--max-gas-price", "1", .. eth]);
        Assert.Equal(1, capped.ExitCode);
        Assert.Contains("above --max-gas-price 1 wei", capped.Stderr);
        var balance = JsonDocument.Parse(Cli(["lpt", "balance", "--json", .. eth]).Stdout).RootElement;
        Assert.Equal("1000000000000000000000", balance.GetProperty("balance").GetProperty("wei").GetString());
    }
}
