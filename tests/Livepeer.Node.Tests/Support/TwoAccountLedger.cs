using Livepeer.Chain.Hosting;
using Livepeer.Core.Crypto;
using Livepeer.Protocol.Parameters;

namespace Livepeer.Node.Tests.Support;

/// <summary>
/// A real ledger for node tests: the orchestrator holds 1,000 LPT and the broadcaster 10 ETH; rounds are long (2,000
/// blocks of 20 ms) so load never ends one mid-test, and tests move rounds by sealing blocks.
/// </summary>
internal static class TwoAccountLedger
{
    /// <summary>Writes the genesis into <paramref name="dir"/> and starts the ledger on a free port.</summary>
    public static async Task<LedgerNode> StartAsync(string dir, PrivateKey orchestrator, PrivateKey broadcaster)
    {
        var genesis = Path.Combine(dir, "genesis.json");
        await File.WriteAllTextAsync(genesis, $$"""
            { "preset": "devnet", "startBlock": 0, "parameters": { "RoundLength": 2000 },
              "allocations": [ { "address": "{{orchestrator.Address}}", "amount": "{{ProtocolParameters.Lpt(1000)}}" } ],
              "eth": [ { "address": "{{broadcaster.Address}}", "amount": "{{ProtocolParameters.Lpt(10)}}" } ] }
            """);
        return await LedgerNode.StartAsync(new LedgerOptions
        {
            DataDirectory = Path.Combine(dir, "chain"), GenesisFile = genesis, Rpc = "127.0.0.1:0", BlockTime = TimeSpan.FromMilliseconds(20),
        }, TimeProvider.System);
    }
}
