using System.Numerics;
using Livepeer.Chain.Client;
using Livepeer.Core;
using Livepeer.Node.Orchestrator;
using Livepeer.Node.Payments;
using Livepeer.Protocol.Bonding;
using Livepeer.Protocol.Parameters;

namespace Livepeer.Node.Tests.Network;

/// <summary>
/// Over many paid segments the orchestrator's redeemed fees match the expected value the broadcaster sent within
/// binomial bounds, the winning tickets land in its earnings pool, and its delegator's pending fees follow the fee share.
/// </summary>
public sealed class TicketFeesTests
{
    private const int SegmentCount = 150;
    private const long FeeShare = 400_000; // 40% of fees to delegators (LIP-36), 60% kept by the orchestrator
    private static readonly UInt256 FaceValue = (UInt256)1_000_000_000_000_000UL; // 0.001 ETH = redemption cost × 100
    private static readonly UInt256 ExpectedValue = (UInt256)250_000_000_000_000UL; // win probability 1/4

    [Fact]
    public async Task RedeemedFeesMatchTheExpectedValueAndFollowTheFeeShare()
    {
        await using var network = await LocalNetwork.StartAsync(accounts: 2, seed: 81);
        var payments = new PaymentOptions { RedemptionCost = FaceValue / (UInt256)100UL, TicketExpectedValue = ExpectedValue, ParamsValidityBlocks = 100_000 };
        // ~1.6 tickets of expected value per 2 s segment of the tiny ladder.
        var orchestrator = await network.StartOrchestratorAsync(network.Accounts[0], 500, new InstantSegmentTranscoder(),
            new OrchestratorServingOptions { PricePerUnit = (UInt256)100_000_000UL }, payments, FeeShare);
        var delegatorKey = network.Accounts[1];
        using (var delegator = new LedgerClient(network.Ledger.RpcUri, delegatorKey))
            await delegator.BondAsync(ProtocolParameters.Lpt(300), orchestrator.Core.Address);
        await network.FundBroadcasterAsync(deposit: 1, reserve: 1);
        var round = await network.NextRoundAsync();

        var broadcaster = network.Transcoder([LocalNetwork.Candidate(orchestrator, ProtocolParameters.Lpt(800))]);
        for (var seq = 0; seq < SegmentCount; seq++)
            await broadcaster.TranscodeAsync(OrchestratorCapacityTests.Segment("fees", seq), LocalNetwork.TinyLadder);
        Assert.Equal(SegmentCount, orchestrator.Core.Segments);

        while (await orchestrator.Redeemer.RedeemPendingAsync(CancellationToken.None) > 0) { }
        var counts = orchestrator.Queue.Counts();
        Assert.Equal(0, counts.GetValueOrDefault(RedemptionStatus.Pending));
        Assert.True(counts.GetValueOrDefault(RedemptionStatus.Failed) == 0, string.Join("; ", orchestrator.Queue.All().Where(t => t.Status == RedemptionStatus.Failed).Select(t => t.LastError).Distinct()));
        var won = counts.GetValueOrDefault(RedemptionStatus.Redeemed);

        // Winners ~ Binomial(n, p): within 4.5 standard deviations (a false alarm about once in 150,000 runs).
        var n = broadcaster.TicketsSent;
        const double p = 0.25;
        var sd = Math.Sqrt(n * p * (1 - p));
        Assert.True(Math.Abs(won - n * p) <= 4.5 * sd, $"{won} winners of {n} tickets, expected {n * p:F1} ± {4.5 * sd:F1}");
        Assert.True(won > 0);
        var fees = FaceValue.Value * won;

        using var chain = new LedgerClient(network.Ledger.RpcUri);
        // The sender paid exactly the winners' face values out of its deposit.
        var sender = await chain.GetSenderInfoAsync(network.BroadcasterKey.Address);
        Assert.Equal(ProtocolParameters.Lpt(1).Value - fees, sender.Deposit.Value);

        // The fees reached the orchestrator's earnings pool for this round: the delegators' part over the pool's stake.
        var stake = ProtocolParameters.Lpt(800).Value;
        var pool = network.Ledger.Sequencer.Read(_ => network.Ledger.Executor.State.PoolOf(orchestrator.Core.Address, round));
        Assert.Equal(stake, pool.TotalStake.Value);
        var delegatorsFees = fees * FeeShare / 1_000_000;
        var fromFactor = pool.CumulativeFeeFactor.Value * stake / PreciseFactor.One.Value;
        AssertClose(delegatorsFees, fromFactor, won);

        // LIP-36: the delegator gets the delegators' share pro rata to its stake (300 of 800); the orchestrator keeps the
        // rest, its cut plus its own stake's share.
        var delegatorView = await chain.GetDelegatorAsync(delegatorKey.Address);
        var orchestratorView = await chain.GetDelegatorAsync(orchestrator.Core.Address);
        AssertClose(delegatorsFees * 300 / 800, delegatorView.PendingFees.Value, won);
        AssertClose(fees - delegatorsFees * 300 / 800, orchestratorView.PendingFees.Value, won);
    }

    /// <summary>Equal up to the fixed-point rounding of each redemption (a few wei per ticket).</summary>
    private static void AssertClose(BigInteger expected, BigInteger actual, long redemptions) =>
        Assert.True(BigInteger.Abs(expected - actual) <= 4 * (redemptions + 1), $"expected {expected} wei, got {actual}");
}
