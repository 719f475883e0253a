using System.Text.Json;
using Livepeer.Core;
using Livepeer.Node.Devnet;
using Livepeer.Node.Orchestrator.Misbehaviour;

namespace Livepeer.Node.Tests.Devnet;

/// <summary>
/// `livepeer devnet --cheat wrong-pixels`: orchestrator-2 overcharges; the devnet's probe streams reach it, the
/// broadcaster's pixel check catches it, the segment is transcoded elsewhere, and the devnet's own verifier nodes confirm
/// the evidence and slash it, with the broadcaster paid as finder, all visible in /api/status.
/// </summary>
public sealed class DevnetCheatTests : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("devnet-cheat-").FullName;
    private DevnetNetwork _net = null!;

    public async Task InitializeAsync() => _net = await DevnetTestNetwork.StartAsync(_dir, Misbehaviour.WrongPixels);

    public async Task DisposeAsync()
    {
        await _net.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task TheCheatingOrchestratorIsCaughtAndSlashedByTheDevnetsVerifiers()
    {
        var accounts = DevnetAccounts.LoadOrCreate(_dir).Addresses;
        var cheat = accounts["orchestrator-2"];
        var verification = _net.Broadcaster.Network!.Verification!;
        // The devnet's probe streams each pick an orchestrator afresh until one meets the cheater.
        var caught = DateTime.UtcNow + TimeSpan.FromSeconds(120);
        while (verification.Findings.Count == 0 && DateTime.UtcNow < caught) await Task.Delay(250);
        var finding = Assert.Single(verification.Findings);
        Assert.Equal(cheat, finding.Orchestrator);

        using var http = new HttpClient { BaseAddress = _net.Broadcaster.HttpAddress };
        JsonElement[] slashes = [];
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (slashes.Length == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(250);
            slashes = [.. JsonDocument.Parse(await http.GetStringAsync("api/status")).RootElement.GetProperty("slashes").EnumerateArray()];
        }
        var decisions = string.Join("; ", _net.Verifiers.SelectMany(v => v.Decisions).Select(d => $"{d.Attested} {d.Reason}"));
        Assert.True(slashes.Length == 1, $"no slash: finding {finding.Reason}, report tx {finding.Transaction}, chain error {finding.ChainError}; verifiers: {decisions}");
        var slash = slashes[0];
        Assert.Equal(cheat, Address.Parse(slash.GetProperty("orchestrator").GetString()!));
        Assert.Equal(accounts["broadcaster"], Address.Parse(slash.GetProperty("finder").GetString()!));
        Assert.Equal("failed verification", slash.GetProperty("reason").GetString());
    }
}
