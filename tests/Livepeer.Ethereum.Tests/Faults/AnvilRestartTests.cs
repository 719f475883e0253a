using Livepeer.Chain.Client;
using Livepeer.Core;
using Livepeer.Ethereum.Tests.Transactions;
using Livepeer.Node.Chains;
using Livepeer.Node.Payments;
using Livepeer.Node.Services;
using Xunit.Abstractions;

namespace Livepeer.Ethereum.Tests.Faults;

/// <summary>
/// Issue 13 item 6: anvil killed (SIGKILL) and restarted from its state file mid-run, at the level of the orchestrator's
/// persistent redemption queue, its <see cref="TicketRedeemer"/> and <see cref="RewardService"/> over <see cref="Livepeer.Ethereum.Chain.EthereumChain"/>.
/// </summary>
public sealed class AnvilRestartTests(ITestOutputHelper output)
{
    [Fact]
    public async Task AnvilKilledAndRestartedMidRunResumesPendingRedemptionsNoneLostNoneDoubledRewardCountedOnce()
    {
        // anvil saves its state every 5 s: a redemption mined just after a save is lost when anvil is killed before the next.
        await using var chain = await FaultChain.StartAsync(persistState: true, stateIntervalSeconds: 5);
        var (orchestrator, broadcaster) = await chain.SetUpAsync(orchestrator: 1, broadcaster: 3);
        var o = orchestrator.Account!.Value;
        using var queue = new SqliteRedemptionQueue(Path.Combine(chain.Directory, "tickets.db"));
        var redeemer = new TicketRedeemer(queue, orchestrator, TimeProvider.System);
        var rewards = new RewardService(orchestrator, TimeProvider.System);
        var watch = (await ProtocolEventWatch.CreateAsync(orchestrator, queue, chain.Directory, confirmations: 2))!; // the node's event watch
        var round = await orchestrator.GetRoundInfoAsync();
        var tickets = Enumerable.Range(1, 5).Select(i => chain.WinningTicket(3, o, FaultChain.Eth / (UInt256)10UL, round, (ulong)i)).ToList();

        // Before the crash: this round's reward and two redemptions, then a state save.
        await rewards.TickAsync(CancellationToken.None);
        queue.Enqueue(tickets[..2]);
        Assert.Equal(2, await redeemer.RedeemPendingAsync(CancellationToken.None));
        var saved = DateTime.UtcNow;
        var state = chain.Anvil.Options.StatePath!;
        await TransactionSenderTests.Until(() => Task.FromResult(File.Exists(state) && File.GetLastWriteTimeUtc(state) > saved.AddMilliseconds(200)), "anvil rewrites its state file");

        // Just after the save: ticket 5 is redeemed (mined, its receipt seen, the queue says redeemed), and lost with anvil.
        queue.Enqueue(tickets[4..]);
        Assert.Equal(1, await redeemer.RedeemPendingAsync(CancellationToken.None));

        // At the crash: a redemption is in anvil's pool (no block yet) when anvil dies.
        await chain.ControlAsync("evm_setAutomine", false);
        queue.Enqueue(tickets[2..4]);
        var pass = redeemer.RedeemPendingAsync(CancellationToken.None);
        await TransactionSenderTests.Until(async () =>
            await chain.Rpc.TransactionCountAsync(o.ToString(), "pending") > await chain.Rpc.TransactionCountAsync(o.ToString(), "latest"),
            "a redemption waits in anvil's pool");
        var inFlight = (string)(await chain.ControlAsync("txpool_content"))["pending"]!.First!.First!.First!.First!["hash"]!;
        chain.Kill();

        // While it is down the node's services see an outage, not a refusal; nothing is marked failed.
        await Assert.ThrowsAsync<ChainUnavailableException>(() => rewards.TickAsync(CancellationToken.None));
        Assert.DoesNotContain(queue.All(), t => t.Status == RedemptionStatus.Failed);
        await Task.Delay(500); // the scenario: anvil stays down a while, the pass keeps waiting
        await chain.RestartAsync(); // automine again; the pool's transaction is gone
        // The pass that was waiting at the crash resumes: the same signed transaction (same nonce) is sent again and mined,
        // then the last ticket is redeemed.
        var redeemedAfter = await pass.WaitAsync(TimeSpan.FromSeconds(60));
        var resumed = await chain.Rpc.ReceiptAsync(inFlight);
        await rewards.TickAsync(CancellationToken.None); // already rewarded in this round: sends nothing
        // The watch finds the queue's redeemed ticket 5 missing on chain and queues it again; the next pass redeems it.
        var lostWithAnvil = !await orchestrator.IsTicketUsedAsync(tickets[4].Ticket.Hash());
        await watch.PollAsync(CancellationToken.None);
        Assert.Equal(lostWithAnvil ? 1 : 0, watch.RedemptionsLost);
        Assert.Equal(lostWithAnvil ? 1 : 0, await redeemer.RedeemPendingAsync(CancellationToken.None));
        await chain.ControlAsync("anvil_mine", "0x3");
        await watch.PollAsync(CancellationToken.None);
        Assert.Equal(0, await redeemer.RedeemPendingAsync(CancellationToken.None));

        var statuses = queue.All().Select(t => (t.Winning.Ticket.SenderNonce.ToString(), t.Status, t.LastError)).ToList();
        var redeemedOnChain = (await chain.EventsAsync("WinningTicketRedeemed")).Select(e => e.GetProperty("senderNonce").GetString()).Order().ToList();
        var rewardEvents = await chain.EventsAsync("Reward");
        output.WriteLine($"after the restart: {redeemedAfter} redeemed by the pass in flight at the crash (its transaction {inFlight} mined in block {resumed?.BlockNumber?.Value}); ticket 5 lost with anvil: {lostWithAnvil}; queue {string.Join(", ", statuses)}");
        output.WriteLine($"on chain: WinningTicketRedeemed for sender nonces {string.Join(",", redeemedOnChain)}; {rewardEvents.Count} Reward event(s)");

        Assert.Equal(2, redeemedAfter);
        Assert.Equal(1, (int)resumed!.Status.Value);
        Assert.All(statuses, s => Assert.Equal(RedemptionStatus.Redeemed, s.Status));
        Assert.Equal(["1", "2", "3", "4", "5"], redeemedOnChain); // each exactly once
        Assert.Single(rewardEvents);
        Assert.Equal(round.CurrentRound, (await orchestrator.GetTranscoderAsync(o)).LastRewardRound);
        var sender = await broadcaster.GetSenderInfoAsync(broadcaster.Account!.Value);
        Assert.Equal(5 * FaultChain.Eth - 5 * (FaultChain.Eth / (UInt256)10UL), sender.Deposit);
        Assert.Equal(5, watch.Tally.RedeemedTickets.Count);
        Assert.All(watch.Tally.RedeemedTickets.Values, n => Assert.Equal(1, n));

        // The run goes on: the next round is initialized and rewarded once.
        await chain.EnterNextRoundAsync();
        await rewards.TickAsync(CancellationToken.None);
        await rewards.TickAsync(CancellationToken.None);
        Assert.Equal(2, (await chain.EventsAsync("Reward")).Count);
        Assert.Equal(round.CurrentRound + 1, (await orchestrator.GetTranscoderAsync(o)).LastRewardRound);
    }

    [Fact]
    public async Task ATicketAlreadyRedeemedOnChainIsRecordedRedeemedNotFailedAndNotSentAgain()
    {
        // What the queue sees when a redemption was mined but its receipt was lost to an outage: the chain says TicketUsed.
        await using var chain = await FaultChain.StartAsync();
        var (orchestrator, _) = await chain.SetUpAsync(orchestrator: 1, broadcaster: 3);
        using var queue = new SqliteRedemptionQueue(Path.Combine(chain.Directory, "tickets.db"));
        var ticket = chain.WinningTicket(3, orchestrator.Account!.Value, FaultChain.Eth / (UInt256)10UL, await orchestrator.GetRoundInfoAsync(), 7);
        await orchestrator.RedeemWinningTicketAsync(ticket.Ticket, ticket.Signature, ticket.RecipientRand);
        queue.Enqueue([ticket]);

        Assert.Equal(1, await new TicketRedeemer(queue, orchestrator, TimeProvider.System).RedeemPendingAsync(CancellationToken.None));

        var queued = Assert.Single(queue.All());
        Assert.Equal((RedemptionStatus.Redeemed, "already redeemed on chain"), (queued.Status, queued.LastError));
        Assert.Single(await chain.EventsAsync("WinningTicketRedeemed"));
    }
}
