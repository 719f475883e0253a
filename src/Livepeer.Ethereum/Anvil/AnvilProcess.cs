using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Livepeer.Ethereum.Anvil;

/// <summary>How to start anvil: chain id, dev accounts, block production and persistence.</summary>
public sealed record AnvilOptions
{
    /// <summary>The chain id anvil reports (31337 is anvil's own default).</summary>
    public long ChainId { get; init; } = 31337;
    /// <summary>How many funded dev accounts to create from the mnemonic.</summary>
    public int Accounts { get; init; } = 10;
    /// <summary>ETH given to each dev account.</summary>
    public long BalanceEth { get; init; } = 10_000;
    /// <summary>Seconds between blocks; null mines one block per transaction.</summary>
    public int? BlockTimeSeconds { get; init; }
    /// <summary>Loopback port; 0 lets anvil pick a free one.</summary>
    public int Port { get; init; }
    /// <summary>A file the chain state is loaded from and saved to, so a restarted anvil resumes; null keeps it in memory.</summary>
    public string? StatePath { get; init; }
    /// <summary>Seconds between state saves when <see cref="StatePath"/> is set (anvil saves on a clean exit too).</summary>
    public int StateIntervalSeconds { get; init; } = 1;
    /// <summary>Further command-line arguments, passed as given.</summary>
    public IReadOnlyList<string> ExtraArguments { get; init; } = [];
}

/// <summary>
/// A real anvil (the EVM node from the pinned npm package @foundry-rs/anvil-linux-amd64) on a loopback port, started
/// and stopped by its owner. Its dev accounts' private keys are read from anvil's own --config-out file.
/// </summary>
public sealed class AnvilProcess : IAsyncDisposable
{
    /// <summary>The environment variable that names the anvil binary to run instead of the npm package's.</summary>
    public const string BinaryVariable = "LIVEPEER_ANVIL";

    private static readonly Regex Listening = new(@"Listening on ([0-9.]+):(\d+)", RegexOptions.Compiled);

    private readonly Process _process;
    private readonly string _configPath;
    private bool _disposed;

    private AnvilProcess(Process process, string configPath, int port, IReadOnlyList<string> privateKeys, AnvilOptions options)
    {
        _process = process;
        _configPath = configPath;
        Port = port;
        PrivateKeys = privateKeys;
        Options = options;
        ProcessId = process.Id; // kept: Process.Id throws once the process object is disposed
    }

    /// <summary>The options it was started with.</summary>
    public AnvilOptions Options { get; }
    /// <summary>The loopback port it listens on.</summary>
    public int Port { get; }
    /// <summary>Its JSON-RPC endpoint.</summary>
    public Uri RpcUrl => new($"http://127.0.0.1:{Port}");
    /// <summary>The dev accounts' private keys (0x-prefixed hex), in account order.</summary>
    public IReadOnlyList<string> PrivateKeys { get; }
    /// <summary>Whether the process is still running.</summary>
    public bool IsRunning => !_disposed && !_process.HasExited;
    /// <summary>The operating system's id of the anvil process (what a supervisor or an operator kills).</summary>
    public int ProcessId { get; }
    /// <summary>Its exit code once it has exited (137 after SIGKILL), or null while it runs.</summary>
    public int? ExitCode => _process.HasExited ? _process.ExitCode : null;

    /// <summary>Completes when the process exits, for whatever reason.</summary>
    public Task WaitForExitAsync(CancellationToken ct) => _process.WaitForExitAsync(ct);

    /// <summary>Finds the anvil binary: <see cref="BinaryVariable"/>, contracts/node_modules above this assembly, or PATH.</summary>
    public static string LocateBinary()
    {
        var fromEnv = Environment.GetEnvironmentVariable(BinaryVariable);
        if (!string.IsNullOrEmpty(fromEnv)) return fromEnv;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "contracts", "node_modules", "@foundry-rs", "anvil-linux-amd64", "bin", "anvil");
            if (File.Exists(candidate)) return candidate;
        }
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
        {
            var candidate = Path.Combine(dir, "anvil");
            if (File.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException(
            $"anvil was not found. Run: (cd contracts && npm ci) — it installs the pinned @foundry-rs/anvil-linux-amd64 — or set {BinaryVariable}.");
    }

    /// <summary>Starts anvil and waits until it accepts JSON-RPC.</summary>
    public static async Task<AnvilProcess> StartAsync(AnvilOptions? options = null, CancellationToken ct = default)
    {
        options ??= new AnvilOptions();
        var configPath = Path.Combine(Path.GetTempPath(), $"anvil-{Guid.NewGuid():N}.json");
        var psi = new ProcessStartInfo(LocateBinary())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in Arguments(options, configPath)) psi.ArgumentList.Add(arg);

        var process = Process.Start(psi) ?? throw new InvalidOperationException("anvil did not start.");
        var port = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            if (output.Count < 200) output.Enqueue(e.Data);
            var m = Listening.Match(e.Data);
            if (m.Success) port.TrySetResult(int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture));
        };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null && output.Count < 200) output.Enqueue(e.Data); };
        process.EnableRaisingEvents = true;
        process.Exited += (_, _) => port.TrySetException(new InvalidOperationException(
            $"anvil exited with code {process.ExitCode} before listening:\n{string.Join('\n', output)}"));
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        try
        {
            var listening = await port.Task.WaitAsync(TimeSpan.FromSeconds(30), ct).ConfigureAwait(false);
            var keys = ReadPrivateKeys(configPath);
            return new AnvilProcess(process, configPath, listening, keys, options);
        }
        catch
        {
            Kill(process);
            throw;
        }
    }

    private static IEnumerable<string> Arguments(AnvilOptions o, string configPath)
    {
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        yield return "--host"; yield return "127.0.0.1";
        yield return "--port"; yield return o.Port.ToString(inv);
        yield return "--chain-id"; yield return o.ChainId.ToString(inv);
        yield return "--accounts"; yield return o.Accounts.ToString(inv);
        yield return "--balance"; yield return o.BalanceEth.ToString(inv);
        yield return "--config-out"; yield return configPath;
        if (o.BlockTimeSeconds is { } blockTime) { yield return "--block-time"; yield return blockTime.ToString(inv); }
        if (o.StatePath is { } state)
        {
            yield return "--state"; yield return state;
            yield return "--state-interval"; yield return o.StateIntervalSeconds.ToString(inv);
        }
        foreach (var a in o.ExtraArguments) yield return a;
    }

    private static IReadOnlyList<string> ReadPrivateKeys(string configPath)
    {
        // anvil writes the file before it prints "Listening on"; read it once it is there.
        using var doc = JsonDocument.Parse(File.ReadAllText(configPath));
        return doc.RootElement.GetProperty("private_keys").EnumerateArray().Select(k => k.GetString()!).ToList();
    }

    /// <summary>Kills anvil at once (SIGKILL), as a crash would; what was not saved to the state file is lost.</summary>
    public void Kill()
    {
        if (!_disposed) Kill(_process);
    }

    private static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    /// <summary>Stops anvil (SIGTERM, so it saves its state file; then SIGKILL after 5 s) and removes its config file.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        _disposed = true;
        if (!_process.HasExited)
        {
            try
            {
                Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])?.WaitForExit();
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await _process.WaitForExitAsync(cts.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                Kill(_process);
            }
        }
        _process.Dispose();
        try { File.Delete(_configPath); } catch (IOException) { }
    }
}
