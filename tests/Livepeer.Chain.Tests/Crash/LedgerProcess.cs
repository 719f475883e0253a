using System.Diagnostics;
using System.Reflection;
using System.Text.RegularExpressions;
using Livepeer.Core.Tests.Interop;

namespace Livepeer.Chain.Tests.Crash;

/// <summary>
/// A real <c>livepeer chain</c> process on a data directory: started from the CLI build next to this test build
/// (same configuration), reporting its RPC address on stdout, and killed with SIGKILL.
/// </summary>
internal sealed partial class LedgerProcess : IDisposable
{
    private readonly Process _process;
    private bool _disposed;

    private LedgerProcess(Process process, Uri rpc)
    {
        (_process, Rpc) = (process, rpc);
    }

    /// <summary>The JSON-RPC endpoint.</summary>
    public Uri Rpc { get; }

    /// <summary>The CLI assembly built with the same configuration as this test assembly.</summary>
    public static string CliAssembly
    {
        get
        {
            var configuration = typeof(LedgerProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
            var path = Path.Combine(RepositoryPaths.Root, "src", "Livepeer.Cli", "bin", configuration, "net10.0", "livepeer.dll");
            if (!File.Exists(path))
                Assert.Fail($"{path} is missing. Build the CLI first: dotnet build src/Livepeer.Cli -c {configuration} (the test project references it, so building tests/Livepeer.Chain.Tests builds it too).");
            return path;
        }
    }

    /// <summary>Starts the chain and waits until it prints its RPC address.</summary>
    public static async Task<LedgerProcess> StartAsync(string dataDirectory, string genesisFile, string blockTime, int snapshotInterval, ulong chainId, TimeSpan timeout)
    {
        var process = Process.Start(StartInfo(dataDirectory, genesisFile, blockTime, snapshotInterval, chainId)) ?? throw new InvalidOperationException("dotnet did not start.");
        var ready = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var output = new List<string>();
        void OnLine(string? line)
        {
            if (line is null) return;
            lock (output) output.Add(line);
            if (RpcLine().Match(line) is { Success: true } m) ready.TrySetResult(new Uri(m.Groups[1].Value));
        }
        process.OutputDataReceived += (_, e) => OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var exited = process.WaitForExitAsync();
        var first = await Task.WhenAny(ready.Task, exited, Task.Delay(timeout));
        if (first != ready.Task)
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            string log;
            lock (output) log = string.Join('\n', output);
            process.Dispose();
            Assert.Fail($"livepeer chain did not report its RPC address within {timeout.TotalSeconds} s. Output:\n{log}");
        }
        return new LedgerProcess(process, ready.Task.Result);
    }

    /// <summary>Starts the chain and SIGKILLs it <paramref name="after"/> later, whatever it is doing (opening, replaying, serving).</summary>
    public static async Task KillDuringStartAsync(string dataDirectory, string genesisFile, string blockTime, int snapshotInterval, ulong chainId, TimeSpan after)
    {
        using var process = Process.Start(StartInfo(dataDirectory, genesisFile, blockTime, snapshotInterval, chainId)) ?? throw new InvalidOperationException("dotnet did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await Task.Delay(after);
        if (!process.HasExited) process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
    }

    private static ProcessStartInfo StartInfo(string dataDirectory, string genesisFile, string blockTime, int snapshotInterval, ulong chainId)
    {
        // The dotnet that runs the tests (dotnet test sets DOTNET_HOST_PATH), else the one on PATH.
        var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        foreach (var arg in new[] { CliAssembly, "chain", "--datadir", dataDirectory, "--genesis", genesisFile, "--rpc", "127.0.0.1:0", "--block-time", blockTime, "--snapshot-interval", snapshotInterval.ToString(invariant), "--chain-id", chainId.ToString(invariant) })
            info.ArgumentList.Add(arg);
        return info;
    }

    /// <summary>SIGKILL: no shutdown code runs, exactly like a crash.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
        _process.Dispose();
    }

    [GeneratedRegex(@"Ledger chain \d+ at (http://[^ ]+) ")]
    private static partial Regex RpcLine();
}
