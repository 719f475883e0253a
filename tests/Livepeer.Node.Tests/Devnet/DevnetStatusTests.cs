using System.Text.Json;
using Livepeer.Chain.Client;
using Livepeer.Core;
using Livepeer.Core.Crypto;
using Livepeer.Media.Profiles;
using Livepeer.Node.Devnet;
using Livepeer.Node.Evidence;
using Livepeer.Node.Services;
using Livepeer.Protocol.Engine;
using Livepeer.Protocol.Slashing;
using Livepeer.Wire.Segments;

namespace Livepeer.Node.Tests.Devnet;

/// <summary>
/// The devnet's /api/status, in process with fast blocks: the third orchestrator transcodes on a remote transcoder node
/// (and says so), and an equivocation slash on the ledger shows up in `slashes` once, with its finder, penalty and block.
/// </summary>
public sealed class DevnetStatusTests : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("devnet-status-").FullName;
    private DevnetNetwork _net = null!;

    public async Task InitializeAsync() => _net = await DevnetTestNetwork.StartAsync(_dir);

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

    /// <summary>
    /// The devnet's verifier set (its three delegators, 2 of 3) slashes for real: evidence of a rendition at the wrong
    /// resolution, signed by orchestrator-1, is kept by the broadcaster and reported; the verifier nodes fetch it, re-run
    /// the checks, attest, and the slash shows in /api/status with the broadcaster as finder.
    /// </summary>
    [Fact]
    public async Task TheDevnetsVerifiersSlashAReportedFailedVerification()
    {
        Assert.Equal(3, _net.Verifiers.Count);
        var accounts = DevnetAccounts.LoadOrCreate(_dir);
        var cheat = accounts["orchestrator-1"];
        var profile = VideoProfilePresets.ByName["P144p30fps16x9"];
        var source = await DevnetTestNetwork.SegmentAsync(_dir); // the source
        var rendition = await DevnetTestNetwork.SegmentAsync(_dir); // claimed as 256x144: the wrong resolution
        var renditionHash = Keccak256.Hash(rendition);
        var result = TranscodeResultHash.OfRenditionHashes([renditionHash]);
        var profiles = Keccak256.Hash(ProfileIds.Concat([profile.Name]));
        var claim = SegmentClaim.Hash("cheated", 0, profiles, Keccak256.Hash(source), result);
        var broadcaster = accounts["broadcaster"];
        var bundle = new EvidenceBundle(EvidenceBundle.CurrentVersion, cheat.Address, broadcaster.Address, "cheated", 0, 1000, Keccak256.Hash(source), source,
            [new EvidenceRendition(profile, 256L * 144 * 30, renditionHash, rendition)], result, PersonalMessage.Sign(cheat, claim.Bytes).ToArray(), false,
            [new EvidenceFailure(profile.Name, "Resolution", "320x180, not 256x144")]);
        var hash = await _net.Broadcaster.Network!.Verification!.Evidence.PutAsync(bundle, CancellationToken.None);
        using var reporter = new LedgerClient(_net.Ledger.RpcUri, broadcaster);
        await RoundSafe.RunAsync(reporter, () => reporter.ReportFailedVerificationAsync(cheat.Address, hash, new Uri(_net.Broadcaster.HttpAddress, "/api/evidence/" + hash).ToString()),
            TimeProvider.System, CancellationToken.None);

        using var http = new HttpClient { BaseAddress = _net.Broadcaster.HttpAddress };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        JsonElement[] slashes = [];
        while (slashes.Length == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(250);
            slashes = [.. (await StatusAsync(http)).GetProperty("slashes").EnumerateArray()];
        }
        var decisions = string.Join("; ", _net.Verifiers.SelectMany(v => v.Decisions).Select(d => $"{d.Attested} {d.Reason}"));
        var slash = Assert.Single(slashes);
        Assert.Equal(cheat.Address, Address.Parse(slash.GetProperty("orchestrator").GetString()!));
        Assert.Equal(broadcaster.Address, Address.Parse(slash.GetProperty("finder").GetString()!));
        Assert.Equal("failed verification", slash.GetProperty("reason").GetString());
        Assert.True(_net.Verifiers.Sum(v => v.Decisions.Count(d => d.Attested)) >= 2, decisions);
    }


    private static async Task<JsonElement> StatusAsync(HttpClient http) =>
        JsonDocument.Parse(await http.GetStringAsync("api/status")).RootElement.Clone();
}
