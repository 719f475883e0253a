using System.Collections.Immutable;
using Livepeer.Core;
using Livepeer.Protocol.Calls;
using Livepeer.Protocol.Engine;
using Livepeer.Protocol.Events;
using Livepeer.Protocol.Governance;
using Livepeer.Protocol.Parameters;
using Livepeer.Protocol.State;
using Livepeer.Protocol.Tests.Support;
using Livepeer.Protocol.Views;

namespace Livepeer.Protocol.Tests.Governance;

public class GovernanceTests
{
    private static readonly Address O1 = Addr.Of(1), O2 = Addr.Of(2), D1 = Addr.Of(11), Small = Addr.Of(12), Grantee = Addr.Of(90);
    private static UInt256 L(ulong n) => TestChain.Lpt(n);

    // Devnet: voting delay 1 round, period 3 rounds; quorum 33.33%, quota 50%, threshold 100 LPT. A proposal made in
    // round 2 has its snapshot at the end of round 3 and votes in rounds 4-6; round 7 sees the result.
    private static TestChain Chain()
    {
        var p = ProtocolParameters.Devnet with { InitialInflation = 0, InflationChange = 0 };
        var c = new TestChain(p, [(O1, L(1000)), (O2, L(1000)), (D1, L(1000)), (Small, L(1000))]);
        c.StartRound(1);
        c.Call(O1, new BondCall(L(400), O1));
        c.Call(O2, new BondCall(L(300), O2));
        c.Call(D1, new BondCall(L(300), O1));
        c.Call(Small, new BondCall(L(50), O2));
        c.StartRound(2); // active stake 1050
        return c;
    }

    private static ImmutableArray<ProposalAction> SetUnbonding(ulong rounds) => [new ParameterChange(ParameterName.UnbondingPeriod, (UInt256)rounds)];

    [Fact]
    public void ProposalLifecycleWithDelegatorOverride()
    {
        var c = Chain();
        var created = c.Call(O2, new ProposeCall(SetUnbonding(5), "unbonding 5 rounds"));
        Assert.Contains(new ProposalCreated(1, O2, 4, 7, "unbonding 5 rounds"), created);
        c.Fail(O1, new VoteCall(1, VoteSupport.For), ProtocolError.ProposalNotActive); // pending in round 2
        c.StartRound(4);
        c.Call(O1, new VoteCall(1, VoteSupport.Against)); // O1 votes its whole 700
        c.Call(D1, new VoteCall(1, VoteSupport.For));     // D1's 300 moves from O1's against to for
        c.Call(O2, new VoteCall(1, VoteSupport.For));     // 350
        c.Fail(O2, new VoteCall(1, VoteSupport.For), ProtocolError.AlreadyVoted);
        var p = c.State.Proposals.Get(1)!;
        Assert.Equal(L(650), p.For);
        Assert.Equal(L(400), p.Against);
        c.Fail(O2, new ExecuteCall(1), ProtocolError.ProposalNotSucceeded); // still active
        c.StartRound(7);
        Assert.Equal(ProposalStatus.Succeeded, ProtocolViews.GetProposal(c.State, 1, c.Block)!.Status);
        var executed = c.Call(Small, new ExecuteCall(1));
        Assert.Contains(new ProposalExecuted(1), executed);
        Assert.Contains(new ParameterUpdated("UnbondingPeriod", (UInt256)5UL), executed);
        Assert.Equal(5, c.State.Parameters.Value.UnbondingPeriod);
        c.Fail(Small, new ExecuteCall(1), ProtocolError.ProposalAlreadyExecuted);
    }

    [Fact]
    public void DelegatorVotingFirstReducesOrchestratorWeight()
    {
        var c = Chain();
        c.Call(O2, new ProposeCall(SetUnbonding(3), "x"));
        c.StartRound(4);
        c.Call(D1, new VoteCall(1, VoteSupport.Against));
        c.Call(O1, new VoteCall(1, VoteSupport.For));
        Assert.Equal(L(400), c.State.Proposals.Get(1)!.For);
        Assert.Equal(L(300), c.State.Proposals.Get(1)!.Against);
    }

    [Fact]
    public void StakeMovedAfterTheSnapshotCannotVoteTwice()
    {
        var c = Chain();
        c.Call(O2, new ProposeCall(SetUnbonding(3), "x"));
        c.StartRound(4); // snapshot: end of round 3
        c.Call(D1, new VoteCall(1, VoteSupport.For));
        // D1 hands its bond to a fresh address and re-delegates what is left: neither changes the snapshot.
        c.Call(D1, new TransferBondCall(Addr.Of(77), L(100)));
        c.Fail(Addr.Of(77), new VoteCall(1, VoteSupport.For), ProtocolError.NoVotingPower);
        c.Call(D1, new BondCall(UInt256.Zero, O2));
        c.Call(O2, new VoteCall(1, VoteSupport.Against)); // O2 votes its snapshot stake 350, not 550
        var p = c.State.Proposals.Get(1)!;
        Assert.Equal(L(300), p.For);
        Assert.Equal(L(350), p.Against);
        c.StartRound(5);
        Assert.Equal(L(100), VotingPowerHistory.StateAt(c.State, Addr.Of(77), 5).Power);
    }

    [Fact]
    public void AbstainOnlyFailsEvenAboveQuorum()
    {
        var c = Chain();
        c.Call(O2, new ProposeCall(SetUnbonding(3), "x"));
        c.StartRound(4);
        c.Call(O1, new VoteCall(1, VoteSupport.Abstain));
        c.StartRound(7);
        Assert.Equal(ProposalStatus.Defeated, ProtocolViews.GetProposal(c.State, 1, c.Block)!.Status);
        c.Fail(O1, new ExecuteCall(1), ProtocolError.ProposalNotSucceeded);
    }

    [Fact]
    public void NoVotesAndBelowQuorumFail()
    {
        var c = Chain();
        c.Call(O2, new ProposeCall(SetUnbonding(3), "nobody votes"));
        c.Call(O2, new ProposeCall(SetUnbonding(4), "too few vote"));
        c.StartRound(4);
        c.Call(Small, new VoteCall(2, VoteSupport.For)); // 50 of 1050 < 33.33%
        c.StartRound(7);
        Assert.Equal(ProposalStatus.Defeated, GovernanceModule.StatusOf(c.State, c.State.Proposals.Get(1)!, c.Round));
        Assert.Equal(ProposalStatus.Defeated, GovernanceModule.StatusOf(c.State, c.State.Proposals.Get(2)!, c.Round));
    }

    [Fact]
    public void ProposalErrors()
    {
        var c = Chain();
        c.Fail(Addr.Of(99), new ProposeCall(SetUnbonding(3), "x"), ProtocolError.ProposalThresholdNotMet);
        c.Fail(O1, new ProposeCall([], "x"), ProtocolError.InvalidProposal);
        c.Fail(O1, new ProposeCall([new ParameterChange(ParameterName.Quorum, (UInt256)2_000_000UL)], "x"), ProtocolError.InvalidParameterValue);
        c.Fail(O1, new ProposeCall([new VerifierSetChange([O1], 2)], "x"), ProtocolError.InvalidProposal);
        // The transcoder pool's maximum size can only grow (SortedDoublyLL.setMaxSize); devnet has 10.
        c.Fail(O1, new ProposeCall([new ParameterChange(ParameterName.NumActiveTranscoders, (UInt256)10UL)], "x"), ProtocolError.InvalidParameterValue);
        c.Fail(O1, new ProposeCall([new ParameterChange(ParameterName.NumActiveTranscoders, (UInt256)5UL)], "x"), ProtocolError.InvalidParameterValue);
        c.Fail(O1, new ProposeCall([new TreasurySpend(Address.Zero, UInt256.One)], "x"), ProtocolError.InvalidProposal);
        c.Fail(O1, new VoteCall(42, VoteSupport.For), ProtocolError.UnknownProposal);
        c.Fail(O1, new ExecuteCall(42), ProtocolError.UnknownProposal);
        c.Call(O1, new ProposeCall(SetUnbonding(3), "x"));
        c.Fail(O2, new ProposeCall(SetUnbonding(3), "x"), ProtocolError.InvalidProposal); // identical: OZ's id is its hash
        c.Call(O2, new ProposeCall(SetUnbonding(3), "x again"));
        c.StartRound(4);
        c.Fail(Addr.Of(99), new VoteCall(1, VoteSupport.For), ProtocolError.NoVotingPower);
    }

    [Fact]
    public void TreasurySpendAndVerifierChangeExecute()
    {
        var p = ProtocolParameters.Devnet with { InitialInflation = 10_000_000, InflationChange = 0 };
        var c = new TestChain(p, [(O1, L(1000))]);
        c.StartRound(1);
        c.Call(O1, new BondCall(L(1000), O1));
        c.StartRound(2);
        c.Call(O1, new RewardCall()); // mints 10 LPT (1% of 1000), 1 LPT to the treasury
        Assert.Equal(L(1), c.State.LptBalanceOf(ProtocolAccounts.Treasury));
        c.Call(O1, new ProposeCall([new TreasurySpend(Grantee, L(1)), new VerifierSetChange([O1, Grantee], 1)], "grant"));
        c.Call(O1, new ProposeCall([new TreasurySpend(Grantee, L(5))], "too much"));
        c.StartRound(4);
        c.Call(O1, new VoteCall(1, VoteSupport.For));
        c.Call(O1, new VoteCall(2, VoteSupport.For));
        c.StartRound(7);
        var events = c.Call(O1, new ExecuteCall(1));
        Assert.Contains(new TreasurySpent(Grantee, L(1)), events);
        Assert.Equal(L(1), c.State.LptBalanceOf(Grantee));
        Assert.Equal(2, c.State.Governance.Value.Verifiers.Length);
        Assert.Equal(1, c.State.Governance.Value.VerifierThreshold);
        c.Fail(O1, new ExecuteCall(2), ProtocolError.InsufficientTreasury);
    }

    [Fact]
    public void ProposalInRoundRIsPendingThroughRPlusDelayAndVotesInTheNextPeriodRounds()
    {
        // LivepeerGovernor: snapshot = 2 + votingDelay 1 = 3; Pending while snapshot >= round; Active in 4, 5, 6.
        var c = Chain();
        c.Call(O2, new ProposeCall(SetUnbonding(3), "timing"));
        Assert.Equal(3, GovernanceModule.SnapshotOf(c.State.Proposals.Get(1)!));
        c.Fail(O1, new VoteCall(1, VoteSupport.For), ProtocolError.ProposalNotActive);
        c.StartRound(3);
        Assert.Equal(ProposalStatus.Pending, ProtocolViews.GetProposal(c.State, 1, c.Block)!.Status);
        c.Fail(O1, new VoteCall(1, VoteSupport.For), ProtocolError.ProposalNotActive);
        foreach (var round in new long[] { 4, 5, 6 })
        {
            c.StartRound(round);
            Assert.Equal(ProposalStatus.Active, ProtocolViews.GetProposal(c.State, 1, c.Block)!.Status);
        }
        c.Call(O1, new VoteCall(1, VoteSupport.For)); // the last voting round
        c.StartRound(7);
        Assert.Equal(ProposalStatus.Succeeded, ProtocolViews.GetProposal(c.State, 1, c.Block)!.Status);
        c.Fail(O2, new VoteCall(1, VoteSupport.For), ProtocolError.ProposalNotActive);
    }

    [Fact]
    public void StakeBondedInTheSnapshotRoundCountsAndInTheFirstVotingRoundDoesNot()
    {
        var c = Chain();
        c.Call(O2, new ProposeCall(SetUnbonding(3), "x"));
        c.StartRound(3);
        c.Call(Small, new BondCall(L(100), O2)); // end of round 3 = the snapshot: counts
        c.StartRound(4);
        c.Call(Small, new BondCall(L(100), O2)); // after the snapshot: does not
        c.Call(Small, new VoteCall(1, VoteSupport.For));
        Assert.Equal(L(150), c.State.Proposals.Get(1)!.For);
    }

    [Fact]
    public void ADelegatorVotesItsStakeWithUnclaimedRewards()
    {
        // No treasury cut, no commission; supply 4,000 LPT, inflation 0.1 % => mintable 4 LPT in round 2.
        var p = ProtocolParameters.Devnet with { InitialInflation = 1_000_000, InflationChange = 0, TreasuryRewardCutRate = UInt256.Zero };
        var c = new TestChain(p, [(O1, L(1000)), (O2, L(1000)), (D1, L(1000)), (Small, L(1000))]);
        c.StartRound(1);
        c.Call(O1, new BondCall(L(400), O1));
        c.Call(O2, new BondCall(L(300), O2));
        c.Call(D1, new BondCall(L(300), O1));
        c.Call(Small, new BondCall(L(50), O2));
        c.StartRound(2);
        // O1 minted = 4e18 * floor(700e18 * 1e9 / 1050e18) / 1e9 = 4e18 * 666666666 / 1e9 = 2666666664000000000;
        // CRF_2 = 1e27 + 1e27 * floor(2666666664000000000 * 1e27 / 700e18) / 1e27 = 1003809523805714285714285714.
        c.Call(O1, new RewardCall());
        Assert.Equal(UInt256.Parse("1003809523805714285714285714"), c.State.PoolOf(O1, 2).CumulativeRewardFactor);
        c.Call(O2, new ProposeCall(SetUnbonding(3), "x"));
        c.StartRound(4);
        // D1 never claimed: 300e18 * floor(CRF_2 * 1e27 / 1e27) / 1e27 = 301142857141714285714 (its bonded amount is still 300).
        Assert.Equal(L(300), c.State.DelegatorOf(D1).BondedAmount);
        c.Call(D1, new VoteCall(1, VoteSupport.Against));
        Assert.Equal(UInt256.Parse("301142857141714285714"), c.State.Proposals.Get(1)!.Against);
        // O1 votes its delegated stake 700 + 2.666666664 = 702666666664000000000 less D1's override.
        c.Call(O1, new VoteCall(1, VoteSupport.For));
        Assert.Equal(UInt256.Parse("702666666664000000000") - UInt256.Parse("301142857141714285714"), c.State.Proposals.Get(1)!.For);
    }

    [Fact]
    public void ADelegatorOfAnUnregisteredOrchestratorHasNoVotingPower()
    {
        var c = Chain();
        var x = Addr.Of(70);
        c.Call(Small, new BondCall(L(10), x)); // Small moves its 50 + 10 to x, which never registers
        c.Call(O1, new ProposeCall(SetUnbonding(3), "x"));
        c.StartRound(4);
        Assert.Equal(UInt256.Zero, VotingPowerHistory.StateAt(c.State, Small, 4).Power);
        c.Fail(Small, new VoteCall(1, VoteSupport.For), ProtocolError.NoVotingPower);
        // D1's orchestrator O1 is registered: D1 votes its 300.
        c.Call(D1, new VoteCall(1, VoteSupport.For));
        Assert.Equal(L(300), c.State.Proposals.Get(1)!.For);
    }

    [Fact]
    public void QuorumBaseIsTheTotalActiveStakeAfterTheSnapshotNotAtTheProposal()
    {
        var c = Chain();
        c.Call(O2, new ProposeCall(SetUnbonding(3), "x")); // round 2: active stake 1050
        c.StartRound(3);
        c.Call(O2, new BondCall(L(500), O2)); // the pool grows to 1550 for round 4
        c.StartRound(4);
        c.Call(D1, new VoteCall(1, VoteSupport.For)); // 300
        c.Call(Small, new VoteCall(1, VoteSupport.For)); // 50
        var p = c.State.Proposals.Get(1)!;
        Assert.Equal(L(1550), p.TotalActiveStake);
        // 350 >= 33.33 % of 1050 (349.965) but < 33.33 % of 1550 (516.615): defeated on the snapshot's base.
        c.StartRound(7);
        Assert.Equal(ProposalStatus.Defeated, ProtocolViews.GetProposal(c.State, 1, c.Block)!.Status);
    }

    [Fact]
    public void RoundLengthChangeKeepsTheCurrentRound()
    {
        var c = Chain();
        c.Call(O1, new ProposeCall([new ParameterChange(ParameterName.RoundLength, (UInt256)10UL)], "shorter rounds"));
        c.StartRound(4);
        c.Call(O1, new VoteCall(1, VoteSupport.For));
        c.StartRound(7, offset: 3);
        c.Call(O1, new ExecuteCall(1));
        Assert.Equal(7, c.Round);                   // block 123 stays in round 7 (which started at block 120)
        Assert.Equal(8, Protocol.Rounds.RoundsManager.RoundOf(c.State, 130));
    }
}
