using System.Text.Json;
using Livepeer.Chain.Client;
using Livepeer.Core;
using Livepeer.Core.Crypto;
using Livepeer.Node.Devnet;
using Livepeer.Node.Services;
using Livepeer.Protocol.Engine;
using Livepeer.Protocol.Slashing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Livepeer.Node.Tests.Devnet;

/// <summary>
/// The devnet's /api/status, in process with fast blocks: the third orchestrator transcodes on a remote transcoder node
/// (and says so), and an equivocation slash on the ledger shows up in `slashes` once, with its finder, penalty and block.
/// </summary>
public sealed class DevnetStatusTests : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("devnet-status-").FullName;
    private DevnetNetwork _net = null!;

    public async Task InitializeAsync() => _net = await DevnetNetwork.StartAsync(new DevnetOptions
    {
        DataDirectory = _dir, RpcPort = 0, RtmpPort = 0, HttpPort = 0, OrchestratorBasePort = 0, BlockTime = TimeSpan.FromMilliseconds(100), RoundLength = 10,
    }, TimeProvider.System, NullLoggerFactory.Instance, new Progress<string>(), CancellationToken.None);

    public async Task DisposeAsync()
    {
        await _net.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task StatusShowsTheRemoteTranscoderAndListsASlashOnceWithItsFinderAndPenalty()
    {
        using var http = new HttpClient { BaseAddress = _net.Broadcaster.HttpAddress };
        var before = await StatusAsync(http);
        Assert.Empty(before.GetProperty("slashes").EnumerateArray());
        var transcoders = before.GetProperty("orchestrators").EnumerateArray().Select(o => o.GetProperty("transcoders")).ToList();
        Assert.Equal([true, true, false], transcoders.Select(t => t.GetProperty("local").GetBoolean()));
        Assert.Equal([0, 0, 1], transcoders.Select(t => t.GetProperty("remote").GetArrayLength()));
        Assert.Equal(2, transcoders[2].GetProperty("remote")[0].GetProperty("capacity").GetInt32());

        // Orchestrator 3 signs two different results for one segment; delegator 1 finds the pair and submits it.
        var accounts = DevnetAccounts.LoadOrCreate(_dir);
        var cheat = accounts["orchestrator-3"];
        var profiles = Keccak256.Hash("profiles"u8);
        var source = Keccak256.Hash("source segment"u8);
        SignedResult Signed(string result)
        {
            var hash = Keccak256.Hash(System.Text.Encoding.UTF8.GetBytes(result));
            return new SignedResult(source, hash, PersonalMessage.Sign(cheat, SegmentClaim.Hash("demo", 4, profiles, source, hash).Bytes).ToArray());
        }
        var evidence = new EquivocationEvidence(cheat.Address, "demo", 4, profiles, Signed("one result"), Signed("another result"));
        using var finder = new LedgerClient(_net.Ledger.RpcUri, accounts["delegator-1"]);
        var receipt = await RoundSafe.RunAsync(finder, () => finder.SlashEquivocationAsync(evidence), TimeProvider.System, CancellationToken.None);
        var slashed = Assert.Single(receipt.Events, e => e.Name == "Slashed").Args;

        var after = await StatusAsync(http);
        var again = await StatusAsync(http); // a second read must not list the same event twice
        var slash = Assert.Single(again.GetProperty("slashes").EnumerateArray());
        Assert.Equal(after.GetProperty("slashes").GetRawText(), again.GetProperty("slashes").GetRawText());
        Assert.Equal(cheat.Address, Address.Parse(slash.GetProperty("orchestrator").GetString()!));
        Assert.Equal(accounts["delegator-1"].Address, Address.Parse(slash.GetProperty("finder").GetString()!));
        Assert.Equal("equivocation", slash.GetProperty("reason").GetString());
        Assert.Equal(slashed.GetProperty("penalty").ToString(), slash.GetProperty("penalty").GetString());
        Assert.Equal(slashed.GetProperty("finderReward").ToString(), slash.GetProperty("finderFee").GetString());
        Assert.True(UInt256.Parse(slash.GetProperty("penalty").GetString()!) > UInt256.Zero);
        Assert.Equal(receipt.BlockNumber, slash.GetProperty("block").GetInt64());
        var round = _net.Ledger.Sequencer.Read(_ => ProtocolEngine.CurrentRound(_net.Ledger.Executor.State, receipt.BlockNumber));
        Assert.Equal(round, slash.GetProperty("round").GetInt64());
        Assert.True(slash.GetProperty("round").GetInt64() > 0);
    }

    private static async Task<JsonElement> StatusAsync(HttpClient http) =>
        JsonDocument.Parse(await http.GetStringAsync("api/status")).RootElement.Clone();
}
