using System.Text.Json.Nodes;
using Livepeer.Core;
using Livepeer.Protocol.Parameters;

namespace Livepeer.Node.Devnet;

/// <summary>
/// Who the devnet's accounts are and what they start with, on either chain: three orchestrators with different stakes,
/// prices and cuts, a delegator bonded to each (the verifier set), and ETH for everyone to pay with.
/// </summary>
internal static class DevnetPlan
{
    /// <summary>The orchestrators, in start order: name, self-bond (LPT), reward cut and fee share (ppm), price (wei per pixel).</summary>
    public static readonly (string Name, ulong Stake, long RewardCut, long FeeShare, ulong Price)[] Orchestrators =
    [
        ("orchestrator-1", 10_000, 100_000, 500_000, 1_000),
        ("orchestrator-2", 6_000, 200_000, 600_000, 1_200),
        ("orchestrator-3", 3_000, 50_000, 400_000, 900),
    ];

    /// <summary>Each delegator's bond (LPT).</summary>
    public static readonly (string Delegator, string Orchestrator, ulong Amount)[] Bonds =
    [
        ("delegator-1", "orchestrator-1", 2_000), ("delegator-2", "orchestrator-2", 1_500), ("delegator-3", "orchestrator-3", 1_000),
    ];

    /// <summary>The verifier set governance starts with: the delegators, who re-check reported evidence.</summary>
    public static readonly string[] Verifiers = ["delegator-1", "delegator-2", "delegator-3"];
    /// <summary>Attestations that slash.</summary>
    public const int VerifierThreshold = 2;

    /// <summary>The orchestrator that cheats when <see cref="DevnetOptions.Cheat"/> says so.</summary>
    public const string CheatingOrchestrator = "orchestrator-2";

    /// <summary>The orchestrator (index in <see cref="Orchestrators"/>) with no local transcoder: a remote transcoder node registers with it.</summary>
    public const int RemoteTranscodedOrchestrator = 2;
    /// <summary>Segments the remote transcoder takes at once.</summary>
    public const int RemoteTranscoderCapacity = 2;

    /// <summary>LPT at genesis: twice what each orchestrator and delegator bonds.</summary>
    public static IEnumerable<(string Name, UInt256 Amount)> Lpt() =>
        Orchestrators.Select(o => (o.Name, ProtocolParameters.Lpt(o.Stake * 2))).Concat(Bonds.Select(b => (b.Delegator, ProtocolParameters.Lpt(b.Amount * 2))));

    /// <summary>ETH at genesis: the broadcaster's deposit money, and gas for everyone else.</summary>
    public static IEnumerable<(string Name, UInt256 Amount)> Eth() =>
        DevnetAccounts.Names.Select(n => (n, ProtocolParameters.Lpt(n == "broadcaster" ? 100UL : 10UL)));

    /// <summary>The embedded ledger's genesis file: devnet parameters with rounds of <paramref name="roundLength"/> blocks and the allocations above.</summary>
    public static string GenesisJson(DevnetAccounts accounts, long roundLength)
    {
        JsonArray Allocations(IEnumerable<(string Name, UInt256 Amount)> list, bool labelled) => new(list.Select(a => (JsonNode)(labelled
            ? new JsonObject { ["label"] = a.Name, ["address"] = accounts[a.Name].Address.ToString(), ["amount"] = a.Amount.ToString() }
            : new JsonObject { ["address"] = accounts[a.Name].Address.ToString(), ["amount"] = a.Amount.ToString() })).ToArray());
        return new JsonObject
        {
            ["preset"] = "devnet", ["startBlock"] = 0, ["parameters"] = new JsonObject { ["RoundLength"] = roundLength },
            ["allocations"] = Allocations(Lpt(), labelled: true), ["eth"] = Allocations(Eth(), labelled: false),
            ["verifiers"] = new JsonArray(Verifiers.Select(n => (JsonNode)accounts[n].Address.ToString()).ToArray()), ["verifierThreshold"] = VerifierThreshold,
        }.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true });
    }
}
