using Livepeer.Core;
using Livepeer.Ethereum.Events;
using Livepeer.Node.Chains;
using Livepeer.Node.Payments;
using Livepeer.Node.Services;
using Xunit.Abstractions;

namespace Livepeer.Ethereum.Tests.Faults;

/// <summary>
/// Issue 13 item 6: a 3-block reorganization under the orchestrator's redemption queue, reward service and
/// <see cref="ProtocolEventWatch"/> (an <see cref="EventFollower"/> with a <see cref="ProtocolEventTally"/>, as the node
/// runs it), restarted in between: the follower rewinds, redemptions that left the chain are queued again, and no
/// ticket or reward is counted or sent twice.
/// </summary>
public sealed class ReorganizationTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A3BlockReorganizationRewindsTheFollowerRequeuesLostRedemptionsAndCountsNothingTwice()
    {
        await using var chain = await FaultChain.StartAsync();
        var (orchestrator, broadcaster) = await chain.SetUpAsync(orchestrator: 1, broadcaster: 3);
        var o = orchestrator.Account!.Value;
        using var queue = new SqliteRedemptionQueue(Path.Combine(chain.Directory, "tickets.db"));
        var redeemer = new TicketRedeemer(queue, orchestrator, TimeProvider.System);
        var rewards = new RewardService(orchestrator, TimeProvider.System);
        // The orchestrator node's own watch (its cursor and tally in the node's data directory), made again after the
        // first polls as a restarted node would: what it counted before the restart is what the reorganization takes back.
        var watch = (await ProtocolEventWatch.CreateAsync(orchestrator, queue, chain.Directory, confirmations: 0))!;
        var round = await orchestrator.GetRoundInfoAsync();
        var tickets = Enumerable.Range(1, 3).Select(i => chain.WinningTicket(3, o, FaultChain.Eth / (UInt256)10UL, round, (ulong)i)).ToList();

        queue.Enqueue(tickets[..1]);
        await redeemer.RedeemPendingAsync(CancellationToken.None);
        await watch.PollAsync(CancellationToken.None);
        var fork = (string)(await chain.ControlAsync("evm_snapshot"))!;
        // Three blocks: the reward and two redemptions.
        await rewards.TickAsync(CancellationToken.None);
        queue.Enqueue(tickets[1..]);
        Assert.Equal(2, await redeemer.RedeemPendingAsync(CancellationToken.None));
        await watch.PollAsync(CancellationToken.None);
        Assert.Equal(3, watch.Tally.RedeemedTickets.Count);
        Assert.Single(watch.Tally.Rewards);
        watch = (await ProtocolEventWatch.CreateAsync(orchestrator, queue, chain.Directory, confirmations: 0))!; // the restart
        Assert.Equal(3, watch.Tally.RedeemedTickets.Count);
        Assert.Single(watch.Tally.Rewards);
        Assert.Empty((await watch.PollAsync(CancellationToken.None)).Added); // nothing delivered twice after the restart
        var replacedHead = await chain.Rpc.BlockNumberAsync();

        // The reorganization: those 3 blocks are replaced by a longer branch of 4 other blocks.
        Assert.True((bool)(await chain.ControlAsync("evm_revert", fork))!);
        var other = await chain.ConnectAsync(4);
        await other.TransferAsync(chain.AddressOf(5), FaultChain.Lpt);
        await chain.ControlAsync("anvil_mine", "0x3");
        Assert.True(await chain.Rpc.BlockNumberAsync() > replacedHead);
        var rewound = await watch.PollAsync(CancellationToken.None);
        var tally = watch.Tally;
        output.WriteLine($"after the reorganization: {rewound.Removed.Count} delivered logs removed, {queue.Pending().Count} redemptions queued again");

        Assert.Equal(2, tally.RedemptionsTakenBack);
        Assert.Equal(2, queue.Pending().Count);
        Assert.Single(tally.RedeemedTickets); // only the ticket redeemed before the fork is still on the chain
        Assert.Empty(tally.Rewards);

        // The node carries on: reward again in this round (the chain no longer has it), redeem the requeued tickets.
        await rewards.TickAsync(CancellationToken.None);
        Assert.Equal(2, await redeemer.RedeemPendingAsync(CancellationToken.None));
        await watch.PollAsync(CancellationToken.None);
        await rewards.TickAsync(CancellationToken.None);
        Assert.Equal(0, await redeemer.RedeemPendingAsync(CancellationToken.None));
        await watch.PollAsync(CancellationToken.None);

        var onChain = (await chain.EventsAsync("WinningTicketRedeemed")).Select(e => e.GetProperty("senderNonce").GetString()).Order().ToList();
        output.WriteLine($"on chain: tickets {string.Join(",", onChain)}; tally: {tally.RedeemedTickets.Count} tickets, rewards {string.Join(",", tally.Rewards.Select(r => $"{r.Key.Round}x{r.Value}"))}; {tally.RedemptionsTakenBack} taken back");
        Assert.Equal(["1", "2", "3"], onChain);
        Assert.Equal(3, tally.RedeemedTickets.Count);
        Assert.All(tally.RedeemedTickets.Values, n => Assert.Equal(1, n));
        Assert.Equal([((o, round.CurrentRound), 1)], tally.Rewards.Select(r => (r.Key, r.Value)));
        Assert.Single(await chain.EventsAsync("Reward"));
        Assert.All(queue.All(), t => Assert.Equal(RedemptionStatus.Redeemed, t.Status));
        Assert.Equal(5 * FaultChain.Eth - 3 * (FaultChain.Eth / (UInt256)10UL), (await broadcaster.GetSenderInfoAsync(broadcaster.Account!.Value)).Deposit);
    }
}
