using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Livepeer.Chain.Client;
using Livepeer.Core;
using Livepeer.Core.Crypto;
using Livepeer.Core.Keystores;

namespace Livepeer.Cli.Tests.Ledger;

/// <summary>
/// A real `livepeer chain` child process on a free loopback port with a genesis that funds the test's accounts, which are
/// created with `livepeer account new --light-kdf` in one data directory; CLI runs get --datadir, --chain-rpc and the password.
/// </summary>
internal sealed partial class LedgerChainProcess : IAsyncDisposable
{
    internal const string Password = "ledger cli test";
    private readonly Process _process;
    private readonly CancellationTokenSource _stop = new();
    private Task _keeper = Task.CompletedTask;

    private LedgerChainProcess(string dataDir, Process process, Uri rpc, IReadOnlyDictionary<string, Address> accounts)
    {
        DataDir = dataDir;
        _process = process;
        Rpc = rpc;
        Accounts = accounts;
    }

    internal string DataDir { get; }
    internal Uri Rpc { get; }
    internal IReadOnlyDictionary<string, Address> Accounts { get; }
    internal IReadOnlyDictionary<string, string?> Environment { get; } = new Dictionary<string, string?> { ["LIVEPEER_PASSWORD"] = Password };

    /// <summary>Creates the named accounts, writes a genesis from <paramref name="genesis"/> (given the addresses), starts the chain.</summary>
    internal static async Task<LedgerChainProcess> StartAsync(string[] names, Func<IReadOnlyDictionary<string, Address>, string> genesis)
    {
        var dataDir = Directory.CreateTempSubdirectory("livepeer-ledger-cli-").FullName;
        var env = new Dictionary<string, string?> { ["LIVEPEER_PASSWORD"] = Password };
        var accounts = new Dictionary<string, Address>();
        foreach (var name in names)
        {
            var created = CliProcess.Run(env, "account", "new", "--light-kdf", "--json", "--datadir", dataDir);
            Assert.True(created.ExitCode == 0, created.Stderr);
            accounts[name] = Address.Parse((string)JsonNode.Parse(created.Stdout)!["address"]!);
        }
        var genesisFile = Path.Combine(dataDir, "genesis.json");
        await File.WriteAllTextAsync(genesisFile, genesis(accounts));

        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "livepeer.dll"), "chain", "--datadir", dataDir, "--genesis", genesisFile, "--rpc", "127.0.0.1:0", "--block-time", "100ms" })
            start.ArgumentList.Add(a);
        var process = Process.Start(start)!;
        var uri = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var log = new List<string>();
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (log) log.Add(e.Data);
            if (RpcLine().Match(e.Data) is { Success: true } m) uri.TrySetResult(new Uri(m.Groups[1].Value));
        };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.Add(e.Data); };
        process.Exited += (_, _) => uri.TrySetException(new InvalidOperationException("livepeer chain exited: " + string.Join('\n', log)));
        process.EnableRaisingEvents = true;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var started = await uri.Task.WaitAsync(TimeSpan.FromSeconds(60));
        var chain = new LedgerChainProcess(dataDir, process, started, accounts);
        return chain;
    }

    [GeneratedRegex(@" at (http://\S+) ")]
    private static partial Regex RpcLine();

    /// <summary>Runs the CLI against this chain with this data directory.</summary>
    internal CliProcess.Result Run(params string[] args) => CliProcess.Run(Environment, [.. args, "--datadir", DataDir, "--chain-rpc", Rpc.ToString()]);

    /// <summary>Runs the CLI with --json, expects success, and parses stdout.</summary>
    internal JsonNode Json(params string[] args)
    {
        var result = Run([.. args, "--json"]);
        Assert.True(result.ExitCode == 0, $"livepeer {string.Join(' ', args)} exited {result.ExitCode}: {result.Stderr}{result.Stdout}");
        return JsonNode.Parse(result.Stdout)!;
    }

    /// <summary>
    /// Like <see cref="Json"/> for a write that needs the current round initialized: rounds pass on their own while the test
    /// runs, so when the CLI answers RoundNotInitialized (the documented next step), the round is initialized via the CLI and
    /// the write sent again.
    /// </summary>
    internal JsonNode Send(params string[] args)
    {
        for (var attempt = 0; ; attempt++)
        {
            var result = Run([.. args, "--json"]);
            if (result.ExitCode == 0) return JsonNode.Parse(result.Stdout)!;
            Assert.True(attempt < 3 && result.Stderr.Contains("RoundNotInitialized", StringComparison.Ordinal) &&
                result.Stderr.Contains("livepeer round initialize", StringComparison.Ordinal),
                $"livepeer {string.Join(' ', args)} exited {result.ExitCode}: {result.Stderr}{result.Stdout}");
            InitializeRound();
        }
    }

    /// <summary>`livepeer round initialize`, accepting that the round may already be initialized.</summary>
    internal void InitializeRound()
    {
        var init = Run("round", "initialize", "--from", Accounts.Values.First().ToString());
        Assert.True(init.ExitCode == 0 || init.Stderr.Contains("RoundAlreadyInitialized", StringComparison.Ordinal), init.Stderr);
    }

    /// <summary>Runs the CLI expecting a refusal: exit <paramref name="exitCode"/> and exactly one "error: " line, which is returned.</summary>
    internal string Refused(int exitCode, params string[] args)
    {
        var result = Run(args);
        Assert.True(result.ExitCode == exitCode, $"livepeer {string.Join(' ', args)} exited {result.ExitCode}, expected {exitCode}: {result.Stderr}{result.Stdout}");
        var errors = result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.StartsWith("error: ", StringComparison.Ordinal)).ToList();
        return Assert.Single(errors);
    }

    /// <summary>
    /// Like <see cref="Refused"/> for a refusal that needs the current round initialized (rounds pass while the test runs):
    /// a RoundNotInitialized answer initializes the round and asks again.
    /// </summary>
    internal string RefusedInRound(int exitCode, params string[] args)
    {
        for (var attempt = 0; ; attempt++)
        {
            var error = Refused(exitCode, args);
            if (attempt == 3 || !error.Contains("RoundNotInitialized", StringComparison.Ordinal)) return error;
            InitializeRound();
        }
    }

    /// <summary>The key of a test account (the test plays its node role directly through the client).</summary>
    internal PrivateKey Key(string name) =>
        new KeyStore(Path.Combine(DataDir, "keystore"), TimeProvider.System).Unlock(Accounts[name], Password);

    /// <summary>A read-only client.</summary>
    internal LedgerClient Reader() => new(Rpc);

    /// <summary>
    /// Initializes every new round as soon as it starts, signed by <paramref name="account"/>, as Livepeer's orchestrator nodes
    /// do (go-livepeer's round initializer): test steps then run in initialized rounds however slowly the machine runs them.
    /// The account must hold something (ETH or LPT): the ledger refuses senders that hold nothing.
    /// </summary>
    internal void StartRoundKeeper(string account)
    {
        var key = Key(account);
        _keeper = Task.Run(async () =>
        {
            using var client = new LedgerClient(Rpc, key);
            while (!_stop.IsCancellationRequested)
            {
                try
                {
                    if (!(await client.GetRoundInfoAsync(_stop.Token)).Initialized) await client.InitializeRoundAsync(_stop.Token);
                    await Task.Delay(30, _stop.Token);
                }
                catch (ChainTransactionException) { } // another initializer won the race
                catch (OperationCanceledException) { }
            }
            key.Dispose();
        });
    }

    /// <summary>Waits until the chain is in <paramref name="round"/> or later and that round is initialized (bounded by <paramref name="limit"/>).</summary>
    internal async Task<long> WaitForRoundAsync(long round, TimeSpan limit)
    {
        using var client = Reader();
        var deadline = DateTime.UtcNow + limit;
        while (true)
        {
            var info = await client.GetRoundInfoAsync();
            var current = info.CurrentRound;
            if (current >= round && info.Initialized) return current;
            Assert.True(DateTime.UtcNow < deadline, $"round {round} did not arrive within {limit} (still {current})");
            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _keeper;
        _stop.Dispose();
        try { _process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
        await _process.WaitForExitAsync();
        _process.Dispose();
        Directory.Delete(DataDir, recursive: true);
    }
}
