namespace Livepeer.E2E.Tests;

/// <summary>One `livepeer devnet --demo` (the embedded ledger) for all of <see cref="DevnetDashboardTests"/>, from a fresh data directory.</summary>
public sealed class DevnetDashboardFixture : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("devnet-e2e-").FullName;
    private DevnetProcess? _devnet;

    internal DevnetProcess Devnet => _devnet!;
    /// <summary>The data directory given to `livepeer devnet`.</summary>
    public string DataDirectory => Path.Combine(_dir, "data");
    /// <summary>What the devnet printed, to explain a failure.</summary>
    public string Output => $"\nDevnet output:\n{Devnet.Output}";

    public async Task InitializeAsync() => _devnet = await DevnetProcess.StartAsync(DataDirectory, TimeSpan.FromMinutes(3), "--demo");

    public async Task DisposeAsync()
    {
        if (_devnet is not null) await _devnet.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }
}
