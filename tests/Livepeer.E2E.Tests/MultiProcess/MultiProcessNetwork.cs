using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Livepeer.Chain.Client;
using Livepeer.Core;

namespace Livepeer.E2E.Tests.MultiProcess;

/// <summary>
/// A Livepeer network of separate OS processes on 127.0.0.1, each node the built `livepeer` CLI with its own data
/// directory and free ports: a ledger started from a genesis that funds the test's accounts, then whatever orchestrators,
/// transcoders, broadcasters and ffmpeg publishers the test starts. Readiness is read from the nodes' own output and the
/// ledger's JSON-RPC, never slept for. Every process is killed on dispose, also when the test failed.
/// </summary>
internal sealed class MultiProcessNetwork : IAsyncDisposable
{
    /// <summary>The keystore password of every test account (passed as LIVEPEER_PASSWORD or --password-file).</summary>
    public const string Password = "multi-process-network";

    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(60);
    private readonly string _dir = Directory.CreateTempSubdirectory("livepeer-multiprocess-").FullName;
    private readonly List<NodeProcess> _processes = [];
    private readonly Dictionary<string, Address> _accounts = [];
    private LedgerClient? _reader;

    /// <summary>The ledger's JSON-RPC URL, once started.</summary>
    public Uri Rpc { get; private set; } = null!;

    /// <summary>A read-only client of the ledger (polls for readiness and state).</summary>
    public LedgerClient Reader => _reader!;

    /// <summary>The account made for <paramref name="name"/>.</summary>
    public Address Account(string name) => _accounts[name];

    /// <summary>Everything every process printed, for failure messages.</summary>
    public string Logs() => string.Join("\n", _processes.Select(p => $"===== {p.Name} =====\n{p.Output}"));

    /// <summary>`livepeer account new` in <paramref name="name"/>'s data directory (light scrypt, password from a file).</summary>
    public async Task<Address> NewAccountAsync(string name)
    {
        var passwordFile = Path.Combine(_dir, "password.txt");
        lock (_accounts) if (!File.Exists(passwordFile)) File.WriteAllText(passwordFile, Password + "\n");
        var output = await CliAsync(name, "account", "new", "--light-kdf", "--password-file", passwordFile, "--json");
        var address = Address.Parse(JsonDocument.Parse(output).RootElement.GetProperty("address").GetString()!);
        lock (_accounts) _accounts[name] = address;
        return address;
    }

    /// <summary>
    /// Writes a devnet genesis (rounds of <paramref name="roundLength"/> blocks) that gives each named account its LPT and
    /// every account ETH, starts `livepeer chain` on a free port and waits until its JSON-RPC answers.
    /// </summary>
    public async Task StartLedgerAsync(IReadOnlyDictionary<string, ulong> lpt, int roundLength, TimeSpan blockTime)
    {
        const ulong Wei = 1_000_000_000_000_000_000UL;
        var genesis = new JsonObject
        {
            ["preset"] = "devnet", ["startBlock"] = 0, ["parameters"] = new JsonObject { ["RoundLength"] = roundLength },
            ["allocations"] = new JsonArray(lpt.Select(a => (JsonNode)new JsonObject
            {
                ["label"] = a.Key, ["address"] = _accounts[a.Key].ToString(), ["amount"] = (new UInt256(a.Value) * new UInt256(Wei)).ToString(),
            }).ToArray()),
            ["eth"] = new JsonArray(_accounts.Select(a => (JsonNode)new JsonObject
            {
                ["address"] = a.Value.ToString(), ["amount"] = (new UInt256(100) * new UInt256(Wei)).ToString(),
            }).ToArray()),
        };
        var file = Path.Combine(_dir, "genesis.json");
        await File.WriteAllTextAsync(file, genesis.ToJsonString());
        var ledger = Start("ledger", "chain", "--genesis", file, "--rpc", "127.0.0.1:0",
            "--block-time", ((int)blockTime.TotalMilliseconds).ToString(CultureInfo.InvariantCulture) + "ms");
        var printed = await ledger.WaitForLineAsync(@"Ledger chain \d+ at (http://\S+?)/? ", CommandTimeout);
        Rpc = new Uri(printed.Groups[1].Value);
        _reader = new LedgerClient(Rpc);
        await UntilAsync(async () => await _reader.BlockNumberAsync() > 0, CommandTimeout, "the ledger's JSON-RPC to answer with a block");
    }

    /// <summary>Starts a long-running `livepeer` node in <paramref name="name"/>'s data directory; it unlocks with LIVEPEER_PASSWORD.</summary>
    public NodeProcess Start(string name, params string[] arguments)
    {
        var process = NodeProcess.Start(name, "dotnet", Livepeer(name, arguments), Environment());
        lock (_processes) _processes.Add(process);
        return process;
    }

    /// <summary>Starts ffmpeg publishing to the broadcaster (see <see cref="NodeProcess.Publish"/>); killed on dispose.</summary>
    public NodeProcess Publish(int rtmpPort, string stream, int seconds)
    {
        var process = NodeProcess.Publish(rtmpPort, stream, seconds);
        lock (_processes) _processes.Add(process);
        return process;
    }

    /// <summary>Runs a `livepeer` command to completion as <paramref name="name"/>; fails the test unless it exits 0. Returns its output.</summary>
    public async Task<string> CliAsync(string name, params string[] arguments)
    {
        var (code, output) = await TryCliAsync(name, arguments);
        Assert.True(code == 0, $"livepeer {string.Join(' ', arguments)} exited {code}:\n{output}");
        return output;
    }

    /// <summary>
    /// Runs a ledger write as an operator would with rounds of seconds: when the ledger refuses it because the new round is
    /// not initialized yet, or because the (now active) orchestrator has not called reward this round, run the command the
    /// refusal names (`livepeer round initialize`, `livepeer orchestrator reward`; another node may win that race) and try again.
    /// </summary>
    public async Task<string> CliInRoundAsync(string name, params string[] arguments)
    {
        for (var attempt = 1; ; attempt++)
        {
            var (code, output) = await TryCliAsync(name, arguments);
            if (code == 0) return output;
            string[]? remedy = output.Contains("RoundNotInitialized", StringComparison.Ordinal) ? ["round", "initialize"]
                : output.Contains("RewardNotCalledThisRound", StringComparison.Ordinal) ? ["orchestrator", "reward"] : null;
            Assert.True(remedy is not null && attempt < 6, $"livepeer {string.Join(' ', arguments)} exited {code}:\n{output}");
            await TryCliAsync(name, [.. remedy!, "--chain-rpc", Rpc.ToString()]);
        }
    }

    private async Task<(int Code, string Output)> TryCliAsync(string name, string[] arguments)
    {
        await using var process = NodeProcess.Start($"{name}: livepeer {string.Join(' ', arguments)}", "dotnet", Livepeer(name, arguments), Environment());
        var code = await process.WaitForExitAsync(CommandTimeout);
        return (code, process.Output);
    }

    /// <summary>Polls the ledger until <paramref name="orchestrator"/> is active in the current round.</summary>
    public Task WaitActiveAsync(Address orchestrator, TimeSpan timeout) =>
        UntilAsync(async () => (await Reader.GetTranscoderAsync(orchestrator)).Active, timeout, $"{orchestrator} to become active");

    /// <summary>Polls <paramref name="condition"/> every 100 ms until it holds; fails with the nodes' logs on timeout.</summary>
    public async Task UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try { if (await condition()) return; }
            catch (Exception e) when (e is HttpRequestException or ChainUnavailableException or TaskCanceledException) { }
            if (DateTime.UtcNow > deadline) Assert.Fail($"Timed out after {timeout.TotalSeconds:0} s waiting for {what}.\n{Logs()}");
            await Task.Delay(100);
        }
    }

    private IEnumerable<string> Livepeer(string name, string[] arguments) =>
        [Path.Combine(AppContext.BaseDirectory, "livepeer.dll"), .. arguments, "--datadir", Path.Combine(_dir, name)];

    private static Dictionary<string, string> Environment() => new() { ["LIVEPEER_PASSWORD"] = Password, ["DOTNET_gcServer"] = "0" };

    /// <summary>Kills every process (newest first) and deletes the data directories.</summary>
    public async ValueTask DisposeAsync()
    {
        List<NodeProcess> all;
        lock (_processes) all = Enumerable.Reverse(_processes).ToList();
        foreach (var p in all) await p.DisposeAsync();
        _reader?.Dispose();
        try { Directory.Delete(_dir, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
