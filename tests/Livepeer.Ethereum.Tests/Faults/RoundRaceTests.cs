using Livepeer.Chain.Client;
using Livepeer.Ethereum.Tests.Transactions;
using Livepeer.Node.Services;
using Newtonsoft.Json.Linq;
using Xunit.Abstractions;

namespace Livepeer.Ethereum.Tests.Faults;

/// <summary>Issue 13 item 6: a transaction that reverts because another node won the race to initialize the round.</summary>
public sealed class RoundRaceTests(ITestOutputHelper output)
{
    [Fact]
    public async Task TwoNodesInitializeOneRoundAtOnceOneWinsTheOtherGetsRoundAlreadyInitializedAndBothCarryOn()
    {
        await using var chain = await FaultChain.StartAsync();
        var (first, _) = await chain.SetUpAsync(orchestrator: 1, broadcaster: 3);
        var second = await chain.ConnectAsync(2);
        await second.BondAsync(500 * FaultChain.Lpt, second.Account!.Value);
        await second.TranscoderAsync(rewardCut: 50_000, feeShare: 400_000);

        // Both estimate against the uninitialized round, then land in one block: the later one reverts on chain.
        await chain.MineToNextRoundAsync();
        await chain.ControlAsync("evm_setAutomine", false);
        var a = Outcome(first.InitializeRoundAsync());
        var b = Outcome(second.InitializeRoundAsync());
        await BothPendingAsync(chain, first, second);
        await chain.ControlAsync("evm_mine");
        var outcomes = await Task.WhenAll(a, b);
        var block = await chain.Rpc.BlockNumberAsync();
        var receipts = await chain.Rpc.RequestAsync<JArray>("eth_getBlockReceipts", CancellationToken.None, "0x" + block.ToString("x"));
        output.WriteLine($"block {block}: {string.Join(", ", receipts.Select(r => $"{r["from"]} status {r["status"]}"))}");

        Assert.Single(outcomes.OfType<ChainReceipt>(), r => r.Named("NewRound").Count() == 1);
        var lost = Assert.Single(outcomes.OfType<ChainTransactionException>());
        Assert.Equal("RoundAlreadyInitialized", lost.Reason);
        Assert.Equal(["0x1", "0x0"], receipts.Select(r => (string)r["status"]!).Order().Reverse()); // the loser was mined and reverted

        // Both nodes carry on in that round: each calls reward.
        await chain.ControlAsync("evm_setAutomine", true);
        var rewardFirst = new RewardService(first, TimeProvider.System);
        var rewardSecond = new RewardService(second, TimeProvider.System);
        await rewardFirst.TickAsync(CancellationToken.None);
        await rewardSecond.TickAsync(CancellationToken.None);
        var round = (await first.GetRoundInfoAsync()).CurrentRound;
        Assert.Equal((round, round), (rewardFirst.LastRewardRound, rewardSecond.LastRewardRound));

        // The same race through the reward services themselves in the next round: one NewRound, two rewards.
        await chain.EnterNextRoundAsync();
        await chain.ControlAsync("evm_setAutomine", false);
        var ticks = Task.WhenAll(rewardFirst.TickAsync(CancellationToken.None), rewardSecond.TickAsync(CancellationToken.None));
        await BothPendingAsync(chain, first, second);
        while (!ticks.IsCompleted)
        {
            await chain.ControlAsync("evm_mine");
            await Task.WhenAny(ticks, Task.Delay(100));
        }
        await ticks;
        Assert.Equal((round + 1, round + 1), (rewardFirst.LastRewardRound, rewardSecond.LastRewardRound));
        Assert.Equal(2, (await chain.EventsAsync("NewRound")).Count(e => e.GetProperty("round").GetInt64() >= round));
        Assert.Equal(4, (await chain.EventsAsync("Reward")).Count);
    }

    private static Task BothPendingAsync(FaultChain chain, Livepeer.Ethereum.Chain.EthereumChain first, Livepeer.Ethereum.Chain.EthereumChain second) =>
        TransactionSenderTests.Until(async () =>
            await Pending(chain, first) && await Pending(chain, second), "both racing transactions are pending");

    private static async Task<bool> Pending(FaultChain chain, Livepeer.Ethereum.Chain.EthereumChain c) =>
        await chain.Rpc.TransactionCountAsync(c.Account!.Value.ToString(), "pending") > await chain.Rpc.TransactionCountAsync(c.Account!.Value.ToString(), "latest");

    private static async Task<object> Outcome(Task<ChainReceipt> send)
    {
        try { return await send; }
        catch (ChainTransactionException e) { return e; }
    }
}
