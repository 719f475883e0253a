using Livepeer.Core;
using Livepeer.Protocol.Bonding;
using Livepeer.Protocol.Calls;
using Livepeer.Protocol.TicketBroker;
using Livepeer.Protocol.Tests.Support;

namespace Livepeer.Protocol.Tests.Properties;

/// <summary>
/// Claiming every round and claiming once after k rounds agree within k wei (stake and fees), whatever the reward pattern.
/// Fees are only paid in rounds where the contracts' missed-reward estimate cannot fire (O1 rewarded the round before, or
/// not in this one): that estimate depends on whether anyone claimed through the previous round, as deployed
/// (see <see cref="MissedRewardFeeEstimateDependsOnAClaimThroughThePreviousRound"/>).
/// </summary>
public class ClaimFrequencyTests
{
    private static readonly Address O1 = Addr.Of(1), O2 = Addr.Of(2), X = Addr.Of(11), Y = Addr.Of(12), B = Addr.Of(20);

    [Theory]
    [InlineData(11, 30)]
    [InlineData(12, 60)]
    [InlineData(13, 100)]
    public void ClaimEveryRoundMatchesClaimOnce(int seed, int rounds)
    {
        var random = new Random(seed);
        var frequent = Build();
        var once = Build();
        var o1RewardedBefore = false;
        for (var r = 0; r < rounds; r++)
        {
            var rewardO1 = random.Next(4) != 0; // O1 sometimes skips reward
            var rewardO2 = random.Next(3) != 0;
            var fee = TestChain.OneLpt / (UInt256)(ulong)(1 + random.Next(50));
            var payFee = random.Next(2) == 0 && (o1RewardedBefore || !rewardO1);
            o1RewardedBefore = rewardO1;
            var yBonds = random.Next(5) == 0;
            foreach (var c in new[] { frequent, once })
            {
                c.NextRound();
                if (rewardO1) c.Call(O1, new RewardCall());
                if (rewardO2) c.Call(O2, new RewardCall());
                if (payFee) Redeem(c, O1, fee, (ulong)r);
                if (yBonds) c.Call(Y, new BondCall(TestChain.OneLpt, O1)); // another delegator's activity must not matter
            }
            frequent.Call(X, new ClaimEarningsCall(0));
        }
        var (s1, f1) = BondingManager.PendingStakeAndFees(frequent.State, X, frequent.Round);
        var (s2, f2) = BondingManager.PendingStakeAndFees(once.State, X, once.Round);
        var k = (UInt256)(ulong)rounds;
        Assert.True(Diff(s1, s2) <= k, $"stake: every round {s1}, once {s2}");
        Assert.True(Diff(f1, f2) <= k, $"fees: every round {f1}, once {f2}");
        Assert.True(s2 > TestChain.Lpt(100), "X earned nothing: the scenario is not exercising rewards");
    }

    [Fact]
    public void MissedRewardFeeEstimateDependsOnAClaimThroughThePreviousRound()
    {
        // O1 skips reward in round 3 and rewards in round 4, then earns a fee in round 4. When nobody touched O1's pool of
        // round 3, the contracts estimate its reward factor from round 4's mintable tokens (upstream master); when X
        // claimed in round 3, the pool holds the exact factor. Both are the deployed rule; the results differ slightly.
        var results = new List<UInt256>();
        foreach (var claimInRound3 in new[] { false, true })
        {
            var c = Build();
            c.NextRound();
            c.Call(O1, new RewardCall());
            c.NextRound(); // round 3: no reward
            if (claimInRound3) c.Call(X, new ClaimEarningsCall(0));
            c.NextRound();
            c.Call(O1, new RewardCall());
            Redeem(c, O1, TestChain.OneLpt, 1);
            var pool3 = c.State.PoolOf(O1, 3);
            Assert.Equal(claimInRound3, !pool3.CumulativeRewardFactor.IsZero);
            results.Add(BondingManager.PendingStakeAndFees(c.State, X, c.Round).Fees);
        }
        Assert.NotEqual(results[0], results[1]);
        Assert.True(Diff(results[0], results[1]) < results[1] / (UInt256)1000UL, $"{results[0]} vs {results[1]}");
    }

    private static UInt256 Diff(UInt256 a, UInt256 b) => a >= b ? a - b : b - a;

    private static TestChain Build()
    {
        var p = RandomRun.Parameters with { NumActiveTranscoders = 5 };
        var c = new TestChain(p, [(O1, TestChain.Lpt(1000)), (O2, TestChain.Lpt(1000)), (X, TestChain.Lpt(1000)), (Y, TestChain.Lpt(1000))],
            [(B, TestChain.Lpt(1000))]);
        c.StartRound(1);
        c.Call(O1, new BondCall(TestChain.Lpt(500), O1));
        c.Call(O1, new TranscoderUpdateCall(150_000, 600_000));
        c.Call(O2, new BondCall(TestChain.Lpt(300), O2));
        c.Call(X, new BondCall(TestChain.Lpt(100), O1));
        c.Call(B, new FundDepositCall(TestChain.Lpt(900)));
        return c;
    }

    private static void Redeem(TestChain c, Address recipient, UInt256 face, ulong nonce)
    {
        var rand = (UInt256)(nonce + 5);
        var t = new Ticket(recipient, B, face, UInt256.MaxValue, (UInt256)nonce, Ticket.RecipientRandHashOf(rand), c.Round, c.State.RoundBlockHashes.Get(c.Round));
        c.Call(recipient, new RedeemWinningTicketCall(t, FakeSignatures.SignPersonal(B, t.Hash()), rand));
    }
}
