using System.Diagnostics;
using System.Text.Json;

namespace Livepeer.Ethereum.Tests.TestContracts;

/// <summary>A test-only contract compiled from tests/Livepeer.Ethereum.Tests/TestContracts with the pinned solcjs (through node).</summary>
public sealed record TestContract(string Name, string Abi, string Bytecode)
{
    private static readonly Lazy<Task<TestContract>> ProbeContract = new(() => CompileAsync("Probe.sol", "Probe"));

    /// <summary>Probe.sol: ping(n) emits Ping(n, sender); fail(reason) reverts with it; initializeOnce() refuses a second call.</summary>
    public static Task<TestContract> Probe => ProbeContract.Value;

    private static async Task<TestContract> CompileAsync(string file, string name)
    {
        var root = RepositoryPaths.Root;
        var dir = Path.Combine(root, "tests", "Livepeer.Ethereum.Tests", "TestContracts");
        var psi = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(Path.Combine(dir, "compile.cjs"));
        psi.ArgumentList.Add(root);
        psi.ArgumentList.Add(Path.Combine(dir, file));
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"solc failed on {file}: {await stderr}");
        using var doc = JsonDocument.Parse(await stdout);
        var c = doc.RootElement.GetProperty(name);
        return new TestContract(name, c.GetProperty("abi").GetRawText(), c.GetProperty("bytecode").GetString()!);
    }
}
