using Livepeer.Core;
using Livepeer.Protocol.Bonding;
using Livepeer.Protocol.Calls;
using Livepeer.Protocol.Events;
using Livepeer.Protocol.Parameters;
using Livepeer.Protocol.State;
using Livepeer.Protocol.TicketBroker;
using Livepeer.Protocol.Tests.Support;

namespace Livepeer.Protocol.Tests.Bonding;

/// <summary>
/// Two orchestrators and three delegators over five rounds, with rewards, a skipped reward, fees, a mid-way claim and an
/// unbond. Every expected integer follows from the contracts' formulas (RULES.md F1-F12; E = 1e18 wei, P = 1e27; all
/// divisions floor; pOf(a, n, d) = a * floor(n * P / d) / P truncates the fraction first; the values were recomputed
/// with tests/reference/lip36_scenario.py's model):
///   mintable = supply * inflation / 1e9; minted = mintable * floor(stake * 1e9 / totalActive) / 1e9; treasury = minted * 1e26 / P;
///   rewards = minted - treasury; commission = rewards * rewardCut / 1e6; delegatorsRewards = rewards - commission;
///   rewardStakeRewards = pOf(delegatorsRewards, cumulativeRewards, stake) (the orchestrator's unclaimed commission earns too);
///   CRF_r = CRF_prev + pOf(CRF_prev, delegatorsRewards, stake); fees: delegatorsFees = F * feeShare / 1e6,
///   CFF_r += pOf(CRF_prev, delegatorsFees, stake); claim: stake' = pOf(bonded, CRF_end, CRF_start),
///   fees' = fees + pOf(bonded, CFF_end - CFF_start, CRF_start) (+ the orchestrator's own cumulative commission).
/// </summary>
public class EarningsScenarioTests
{
    private static readonly Address O1 = Addr.Of(1), O2 = Addr.Of(2), D1 = Addr.Of(11), D2 = Addr.Of(12), D3 = Addr.Of(13), B = Addr.Of(20), Crowd = Addr.Of(30);
    private static readonly UInt256 E = TestChain.OneLpt;
    private static UInt256 W(string wei) => UInt256.Parse(wei);
    private static UInt256 L(ulong n) => TestChain.Lpt(n);

    [Fact]
    public void TwoOrchestratorsThreeDelegatorsFiveRounds()
    {
        // inflation fixed at 0.1% per round (1,000,000 ppb, change 0); treasury cut 10%; supply 10,000 LPT.
        var p = ProtocolParameters.Devnet with { InitialInflation = 1_000_000, InflationChange = 0, TreasuryRewardCutRate = PreciseFactor.PercPoints(1, 10) };
        var c = new TestChain(p, [(O1, L(1000)), (O2, L(1000)), (D1, L(1000)), (D2, L(1000)), (D3, L(1000)), (Crowd, L(5000))], [(B, L(100))]);

        // Round 1: bonds. O1 self 400 (rewardCut 10%, feeShare 50%), O2 self 200 (20%, 75%); D1, D2 100 each to O1; D3 200 to O2.
        c.StartRound(1);
        c.Call(O1, new BondCall(L(400), O1));
        c.Call(O1, new TranscoderUpdateCall(100_000, 500_000));
        c.Call(O2, new BondCall(L(200), O2));
        c.Call(O2, new TranscoderUpdateCall(200_000, 750_000));
        c.Call(D1, new BondCall(L(100), O1));
        c.Call(D2, new BondCall(L(100), O1));
        c.Call(D3, new BondCall(L(200), O2));
        c.Call(B, new FundDepositCall(L(10)));

        // Round 2: totalActive = 600 + 400 = 1000 LPT; mintable = 10,000 * 0.001 = 10 LPT.
        c.StartRound(2);
        Assert.Equal(L(1000), c.State.Totals.Value.CurrentRoundTotalActiveStake);
        Assert.Equal(L(10), c.State.Minter.Value.CurrentMintableTokens);
        // O1: minted 10 * 600/1000 = 6; treasury 0.6; rewards 5.4; commission 0.54; delegators 4.86;
        //     CRF_2 = P + P * 4.86 / 600 = 1.0081 P.
        Assert.Contains(new Events.Reward(O1, W("5400000000000000000")), c.Call(O1, new RewardCall()));
        Assert.Equal(W("1008100000000000000000000000"), c.State.PoolOf(O1, 2).CumulativeRewardFactor);
        // O2: minted 4; treasury 0.4; rewards 3.6; commission 20% = 0.72; delegators 2.88; CRF_2 = P * (1 + 2.88/400) = 1.0072 P.
        Assert.Contains(new Events.Reward(O2, W("3600000000000000000")), c.Call(O2, new RewardCall()));
        Assert.Equal(W("1007200000000000000000000000"), c.State.PoolOf(O2, 2).CumulativeRewardFactor);
        // 1 ETH ticket to O1 (after its reward): delegatorsFees = 0.5; commission 0.5. O1's pool of round 1 holds no reward
        //   factor and O1 rewarded in round 2, so prevCRF is estimated (upstream master): rewards = pOf(10, 600, 1000) = 6,
        //   less treasury 0.6 and commission 0.54 = 4.86; prevCRF = pOf(1.0081 P, 600, 604.86) = 999999999999999999999999999;
        //   CFF_2 = pOf(prevCRF, 0.5, 600) = 833333333333333333333332.
        Redeem(c, O1, E, 1);
        Assert.Equal(W("833333333333333333333332"), c.State.PoolOf(O1, 2).CumulativeFeeFactor);
        Assert.Equal(W("500000000000000000"), c.State.TranscoderOf(O1).CumulativeFees);

        // Round 3: supply 10,010 => mintable 10.01 LPT; totalActive = 605.4 + 403.6 = 1009.
        c.StartRound(3);
        Assert.Equal(W("1009000000000000000000"), c.State.Totals.Value.CurrentRoundTotalActiveStake);
        Assert.Equal(W("10010000000000000000"), c.State.Minter.Value.CurrentMintableTokens);
        // O1: minted 10.01 * 605.4/1009 = 6.006; treasury 0.6006; rewards 5.4054; commission 0.54054; delegators 4.86486;
        //   rewardStakeRewards = 4.86486 * 0.54 (unclaimed commission) / 605.4 = 4339320118929633 wei;
        //   CRF_3 = 1.0081 P + pOf(1.0081 P, 4.86486, 605.4) = 1016200867799801783944499503.
        c.Call(O1, new RewardCall());
        Assert.Equal(W("1016200867799801783944499503"), c.State.PoolOf(O1, 3).CumulativeRewardFactor);
        Assert.Equal(W("1084879320118929633"), c.State.TranscoderOf(O1).CumulativeRewards); // 0.54 + 0.54054 + 0.004339320118929633
        // O2 skips reward. 2 ETH ticket to O2: stake 403.6 (its round-3 stake), delegatorsFees 75% = 1.5, commission 0.5;
        //   its unclaimed 0.72 commission earns 1.5 * 0.72 / 403.6 = 2675916749256689 wei;
        //   CFF_3 = pOf(CRF_2 (1.0072 P), 1.5, 403.6) = 3743310208126858275520316.
        Redeem(c, O2, E * (UInt256)2UL, 2);
        Assert.Equal(W("3743310208126858275520316"), c.State.PoolOf(O2, 3).CumulativeFeeFactor);
        Assert.Equal(W("502675916749256689"), c.State.TranscoderOf(O2).CumulativeFees);
        // No reward and nobody claimed through round 3: as in the contracts, the pool stores no reward factor
        // (lookups fall back to the pool of lastRewardRound, 2).
        Assert.Equal(UInt256.Zero, c.State.PoolOf(O2, 3).CumulativeRewardFactor);

        // Round 4: both reward; D2 claims after the rewards; D3 unbonds 50.
        c.StartRound(4);
        Assert.Equal(W("10016006000000000000"), c.State.Minter.Value.CurrentMintableTokens);
        c.Call(O1, new RewardCall());
        c.Call(O2, new RewardCall());
        Assert.Equal(W("1024328192362444749831815806"), c.State.PoolOf(O1, 4).CumulativeRewardFactor);
        Assert.Equal(W("1014360300296639660080713576"), c.State.PoolOf(O2, 4).CumulativeRewardFactor);
        // D2: pOf(100, CRF_4, CRF_1 = P) = 102.432819236244474983; fees pOf(100, CFF, P) = 0.083333333333333333.
        c.Call(D2, new ClaimEarningsCall(4));
        Assert.Equal(W("102432819236244474983"), c.State.DelegatorOf(D2).BondedAmount);
        Assert.Equal(W("83333333333333333"), c.State.DelegatorOf(D2).Fees);
        // D3: pOf(200, CRF_4(O2), P) = 202.872060059327932016, minus 50 unbonded; fees pOf(200, CFF_3, P) = 0.748662041625371655.
        c.Call(D3, new UnbondCall(L(50)));
        Assert.Equal(W("152872060059327932016"), c.State.DelegatorOf(D3).BondedAmount);
        Assert.Equal(W("748662041625371655"), c.State.DelegatorOf(D3).Fees);

        // Round 5: both reward, then everyone's pending stake and fees.
        c.StartRound(5);
        Assert.Equal(W("973419805390985594600"), c.State.Totals.Value.CurrentRoundTotalActiveStake);
        c.Call(O1, new RewardCall());
        c.Call(O2, new RewardCall());
        AssertPending(c, O1, "415370826186079154258", "833333333333333333");
        AssertPending(c, O2, "206491864526575756509", "1251337958374628344");
        AssertPending(c, D1, "103287399030073528558", "83333333333333333");
        AssertPending(c, D2, "103287399030073528558", "83333333333333333"); // claiming in round 4 changed nothing
        AssertPending(c, D3, "154005736414551192500", "748662041625371655");
        Assert.Equal(W("10036048027985947955987"), c.State.Supply.Value.TotalSupply);
        Assert.Equal(W("3604802798594795598"), c.State.LptBalanceOf(ProtocolAccounts.Treasury));
        // Delegated stake covers every claim; the difference is rounding dust (3 wei each).
        Assert.Equal(W("621945624246226211377"), c.State.DelegatorOf(O1).DelegatedAmount);
        Assert.Equal(W("360497600941126949012"), c.State.DelegatorOf(O2).DelegatedAmount);

        // Claims turn pending values into bonded ones; fees can be withdrawn as ETH.
        foreach (var a in new[] { O1, O2, D1, D2, D3 }) c.Call(a, new ClaimEarningsCall(5));
        Assert.Equal(W("415370826186079154258"), c.State.DelegatorOf(O1).BondedAmount);
        c.Call(O2, new WithdrawFeesCall(O2, W("1251337958374628344")));
        Assert.Equal(W("1251337958374628344"), c.State.EthBalanceOf(O2));
    }

    private static void AssertPending(TestChain c, Address a, string stake, string fees)
    {
        var (s, f) = BondingManager.PendingStakeAndFees(c.State, a, c.Round);
        Assert.Equal(W(stake), s);
        Assert.Equal(W(fees), f);
    }

    private static void Redeem(TestChain c, Address recipient, UInt256 face, ulong nonce)
    {
        var rand = (UInt256)(nonce + 1000);
        var t = new Ticket(recipient, B, face, UInt256.MaxValue, (UInt256)nonce, Ticket.RecipientRandHashOf(rand), c.Round, c.State.RoundBlockHashes.Get(c.Round));
        c.Call(recipient, new RedeemWinningTicketCall(t, FakeSignatures.SignPersonal(B, t.Hash()), rand));
    }
}
