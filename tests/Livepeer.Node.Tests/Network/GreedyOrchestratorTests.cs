using Livepeer.Chain.Client;
using Livepeer.Core;
using Livepeer.Media.Transcoding;
using Livepeer.Node.Payments;
using Livepeer.Node.Selection;
using Livepeer.Protocol.Parameters;

namespace Livepeer.Node.Tests.Network;

/// <summary>
/// An orchestrator offering tickets outside the broadcaster's limits (face value near the whole deposit, every ticket
/// winning) gets no ticket: the stream is transcoded elsewhere and the deposit is untouched.
/// </summary>
public sealed class GreedyOrchestratorTests
{
    private static readonly UInt256 Greedy = (UInt256)990_000_000_000_000_000UL; // 0.99 of the 1 ETH deposit

    private static PaymentOptions GreedyPayments() => new() { RedemptionCost = Greedy / (UInt256)100UL, TicketExpectedValue = Greedy, ParamsValidityBlocks = 100_000 };

    [Fact]
    public async Task TheGreedyOrchestratorIsNotUsedAndTheDepositIsUntouched()
    {
        await using var network = await LocalNetwork.StartAsync(accounts: 2, seed: 141);
        var honest = await network.StartOrchestratorAsync(network.Accounts[0], 500, new InstantSegmentTranscoder());
        var greedy = await network.StartOrchestratorAsync(network.Accounts[1], 500, new InstantSegmentTranscoder(), payments: GreedyPayments());
        await network.FundBroadcasterAsync(deposit: 1, reserve: 1);
        await network.NextRoundAsync();

        // Selection by stake alone, the greedy one holding almost all of it: it is asked first.
        var broadcaster = network.Transcoder([LocalNetwork.Candidate(greedy, ProtocolParameters.Lpt(1_000_000)), LocalNetwork.Candidate(honest, (UInt256)1UL)],
            new SelectionOptions { StakeWeightPercent = 100 }, limits: new PaymentLimits());
        for (var seq = 0; seq < 3; seq++)
        {
            var result = await broadcaster.TranscodeAsync(OrchestratorCapacityTests.Segment("greedy", seq), LocalNetwork.TinyLadder);
            Assert.Equal(LocalNetwork.TinyLadder.Count, result.Renditions.Count);
        }

        Assert.Equal(3, honest.Core.Segments);
        Assert.Equal(0, greedy.Core.Segments);
        Assert.Equal(1, broadcaster.Stats[greedy.Core.Address].FailuresByReason["ticket-params"]);
        Assert.True(broadcaster.TicketsSent > 0); // the honest orchestrator was paid
        Assert.Empty(greedy.Queue.All());
        Assert.Equal(0, await greedy.Redeemer.RedeemPendingAsync(CancellationToken.None));
        using var chain = new LedgerClient(network.Ledger.RpcUri);
        Assert.Equal(ProtocolParameters.Lpt(1), (await chain.GetSenderInfoAsync(network.BroadcasterKey.Address)).Deposit);
    }

    [Fact]
    public async Task OnlyGreedyOrchestratorsLeaveTheSegmentUntranscodedWithTheReason()
    {
        await using var network = await LocalNetwork.StartAsync(accounts: 1, seed: 142);
        var greedy = await network.StartOrchestratorAsync(network.Accounts[0], 500, new InstantSegmentTranscoder(), payments: GreedyPayments());
        await network.FundBroadcasterAsync(deposit: 1, reserve: 1);
        await network.NextRoundAsync();

        var broadcaster = network.Transcoder([LocalNetwork.Candidate(greedy, ProtocolParameters.Lpt(500))], limits: new PaymentLimits());
        var refused = await Assert.ThrowsAsync<TranscodeException>(() => broadcaster.TranscodeAsync(OrchestratorCapacityTests.Segment("greedy", 0), LocalNetwork.TinyLadder));
        Assert.Contains("--max-ticket-ev", refused.Message);
        Assert.Equal(0, broadcaster.TicketsSent);
        Assert.Empty(greedy.Queue.All());
    }
}
