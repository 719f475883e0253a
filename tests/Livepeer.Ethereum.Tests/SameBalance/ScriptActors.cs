using System.Text;
using Livepeer.Core;
using Livepeer.Core.Crypto;
using Livepeer.Protocol.Parameters;

namespace Livepeer.Ethereum.Tests.SameBalance;

/// <summary>The accounts of the scripted run (keys derived from their names) and the genesis both chains start from.</summary>
public sealed record ScriptActors(PrivateKey Orchestrator1, PrivateKey Orchestrator2, PrivateKey Delegator1, PrivateKey Delegator2,
    PrivateKey Broadcaster, PrivateKey Verifier)
{
    /// <summary>Rounds of 30 blocks: room for a round's calls, few empty blocks to mine.</summary>
    public const long RoundLength = 30;

    /// <summary>Everyone, in the order figures are printed.</summary>
    public IReadOnlyList<(string Name, PrivateKey Key)> All =>
    [
        ("orchestrator1", Orchestrator1), ("orchestrator2", Orchestrator2), ("delegator1", Delegator1), ("delegator2", Delegator2),
        ("broadcaster", Broadcaster), ("verifier", Verifier),
    ];

    /// <summary>The six actors.</summary>
    public static ScriptActors Create()
    {
        static PrivateKey Key(string name) => PrivateKey.FromBytes(Keccak256.Hash(Encoding.UTF8.GetBytes("same balance " + name)).ToArray());
        return new(Key("o1"), Key("o2"), Key("d1"), Key("d2"), Key("b"), Key("v"));
    }

    /// <summary>
    /// The genesis as the ledger's genesis file: devnet parameters with 30-block rounds, 10,000 LPT to every actor but the
    /// broadcaster, 20 ETH to the broadcaster and 1 ETH to everyone else, one verifier.
    /// </summary>
    public string GenesisJson()
    {
        var lpt = ProtocolParameters.Lpt(10_000);
        var eth = ProtocolParameters.Lpt(1); // 1e18 wei: one ETH
        var allocations = All.Where(a => a.Key != Broadcaster).Select(a => $$"""{ "label": "{{a.Name}}", "address": "{{a.Key.Address}}", "amount": "{{lpt}}" }""");
        var ethAllocations = All.Select(a => $$"""{ "address": "{{a.Key.Address}}", "amount": "{{(a.Key == Broadcaster ? eth * (UInt256)20UL : eth)}}" }""");
        return $$"""
            { "preset": "devnet", "startBlock": 0, "parameters": { "RoundLength": {{RoundLength}} },
              "allocations": [ {{string.Join(", ", allocations)}} ],
              "eth": [ {{string.Join(", ", ethAllocations)}} ],
              "verifiers": [ "{{Verifier.Address}}" ], "verifierThreshold": 1 }
            """;
    }
}
