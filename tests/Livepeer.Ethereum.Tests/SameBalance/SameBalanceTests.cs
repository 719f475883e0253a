using Livepeer.Protocol.Genesis;
using Xunit.Abstractions;

namespace Livepeer.Ethereum.Tests.SameBalance;

/// <summary>
/// Issue 13 item 5: one scripted run through <see cref="Chain.Client.ILivepeerChain"/> on the embedded ledger and on the
/// contracts on anvil, on the same round schedule, ends with every compared figure equal to the wei.
/// </summary>
public sealed class SameBalanceTests(ITestOutputHelper output)
{
    [Fact]
    public async Task TheSameScriptOnTheLedgerAndOnTheEVMEndsWithTheSameBalancesToTheWei()
    {
        var actors = ScriptActors.Create();
        var genesisJson = actors.GenesisJson();
        await using var ledger = await LedgerSide.StartAsync(genesisJson);
        await using var evm = await EvmSide.StartAsync(GenesisFile.Parse(genesisJson), [.. actors.All.Select(a => a.Key)]);
        var first = Math.Max(await ledger.FirstFreeRoundAsync(), await evm.FirstFreeRoundAsync());

        var onLedger = new ScriptedRun(ledger, actors, first);
        var onEvm = new ScriptedRun(evm, actors, first);
        await onLedger.RunAsync();
        await onEvm.RunAsync();
        var left = await onLedger.FiguresAsync();
        var right = await onEvm.FiguresAsync();

        output.WriteLine($"rounds {first}..{onLedger.LastRound}, {onLedger.Calls} calls on each chain, {onLedger.TicketsRedeemed} winning tickets redeemed");
        output.WriteLine($"{"figure",-42} {"ledger",-50} evm");
        foreach (var ((figure, l), (_, r)) in left.Zip(right))
            output.WriteLine($"{figure,-42} {l,-50} {r}{(l == r ? "" : "   <-- DIFFERS")}");
        Assert.Equal(left.Count, right.Count);
        Assert.Equal(left, right);
        Assert.Equal((onLedger.Calls, onLedger.TicketsRedeemed), (onEvm.Calls, onEvm.TicketsRedeemed));
        Assert.Contains(left, f => f.Figure == "orchestrator1 fees" && f.Value != "0" || f.Figure == "orchestrator1 pending fees" && f.Value != "0");
    }
}
