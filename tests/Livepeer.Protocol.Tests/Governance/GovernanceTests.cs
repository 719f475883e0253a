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

    // Devnet: voting delay 1 round, period 3 rounds; quorum 33.33%, quota 50%, threshold 100 LPT.
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
    public void Proposal_lifecycle_with_delegator_override()
    {
        var c = Chain();
        var created = c.Call(O2, new ProposeCall(SetUnbonding(5), "unbonding 5 rounds"));
        Assert.Contains(new ProposalCreated(1, O2, 3, 6, "unbonding 5 rounds"), created);
        c.Fail(O1, new VoteCall(1, VoteSupport.For), ProtocolError.ProposalNotActive); // pending in round 2
        c.StartRound(3);
        c.Call(O1, new VoteCall(1, VoteSupport.Against)); // O1 votes its whole 700
        c.Call(D1, new VoteCall(1, VoteSupport.For));     // D1's 300 moves from O1's against to for
        c.Call(O2, new VoteCall(1, VoteSupport.For));     // 350
        c.Fail(O2, new VoteCall(1, VoteSupport.For), ProtocolError.AlreadyVoted);
        var p = c.State.Proposals.Get(1)!;
        Assert.Equal(L(650), p.For);
        Assert.Equal(L(400), p.Against);
        c.Fail(O2, new ExecuteCall(1), ProtocolError.ProposalNotSucceeded); // still active
        c.StartRound(6);
        Assert.Equal(ProposalStatus.Succeeded, ProtocolViews.GetProposal(c.State, 1, c.Block)!.Status);
        var executed = c.Call(Small, new ExecuteCall(1));
        Assert.Contains(new ProposalExecuted(1), executed);
        Assert.Contains(new ParameterUpdated("UnbondingPeriod", (UInt256)5UL), executed);
        Assert.Equal(5, c.State.Parameters.Value.UnbondingPeriod);
        c.Fail(Small, new ExecuteCall(1), ProtocolError.ProposalAlreadyExecuted);
    }

    [Fact]
    public void Delegator_voting_first_reduces_orchestrator_weight()
    {
        var c = Chain();
        c.Call(O2, new ProposeCall(SetUnbonding(3), "x"));
        c.StartRound(3);
        c.Call(D1, new VoteCall(1, VoteSupport.Against));
        c.Call(O1, new VoteCall(1, VoteSupport.For));
        Assert.Equal(L(400), c.State.Proposals.Get(1)!.For);
        Assert.Equal(L(300), c.State.Proposals.Get(1)!.Against);
    }

    [Fact]
    public void Stake_moved_after_the_snapshot_cannot_vote_twice()
    {
        var c = Chain();
        c.Call(O2, new ProposeCall(SetUnbonding(3), "x"));
        c.StartRound(3); // snapshot: start of round 3
        c.Call(D1, new VoteCall(1, VoteSupport.For));
        // D1 hands its bond to a fresh address and re-delegates what is left: neither changes the snapshot.
        c.Call(D1, new TransferBondCall(Addr.Of(77), L(100)));
        c.Fail(Addr.Of(77), new VoteCall(1, VoteSupport.For), ProtocolError.NoVotingPower);
        c.Call(D1, new BondCall(UInt256.Zero, O2));
        c.Call(O2, new VoteCall(1, VoteSupport.Against)); // O2 votes its snapshot stake 350, not 550
        var p = c.State.Proposals.Get(1)!;
        Assert.Equal(L(300), p.For);
        Assert.Equal(L(350), p.Against);
        c.StartRound(4);
        Assert.Equal(L(100), Protocol.Governance.VotingPowerHistory.PowerAt(c.State, Addr.Of(77), 4));
    }

    [Fact]
    public void Abstain_only_fails_even_above_quorum()
    {
        var c = Chain();
        c.Call(O2, new ProposeCall(SetUnbonding(3), "x"));
        c.StartRound(3);
        c.Call(O1, new VoteCall(1, VoteSupport.Abstain));
        c.StartRound(6);
        Assert.Equal(ProposalStatus.Defeated, ProtocolViews.GetProposal(c.State, 1, c.Block)!.Status);
        c.Fail(O1, new ExecuteCall(1), ProtocolError.ProposalNotSucceeded);
    }

    [Fact]
    public void No_votes_and_below_quorum_fail()
    {
        var c = Chain();
        c.Call(O2, new ProposeCall(SetUnbonding(3), "nobody votes"));
        c.Call(O2, new ProposeCall(SetUnbonding(4), "too few vote"));
        c.StartRound(3);
        c.Call(Small, new VoteCall(2, VoteSupport.For)); // 50 of 1050 < 33.33%
        c.StartRound(6);
        Assert.Equal(ProposalStatus.Defeated, GovernanceModule.StatusOf(c.State, c.State.Proposals.Get(1)!, c.Round));
        Assert.Equal(ProposalStatus.Defeated, GovernanceModule.StatusOf(c.State, c.State.Proposals.Get(2)!, c.Round));
    }

    [Fact]
    public void Proposal_errors()
    {
        var c = Chain();
        c.Fail(Addr.Of(99), new ProposeCall(SetUnbonding(3), "x"), ProtocolError.ProposalThresholdNotMet);
        c.Fail(O1, new ProposeCall([], "x"), ProtocolError.InvalidProposal);
        c.Fail(O1, new ProposeCall([new ParameterChange(ParameterName.Quorum, (UInt256)2_000_000UL)], "x"), ProtocolError.InvalidParameterValue);
        c.Fail(O1, new ProposeCall([new VerifierSetChange([O1], 2)], "x"), ProtocolError.InvalidProposal);
        c.Fail(O1, new ProposeCall([new TreasurySpend(Address.Zero, UInt256.One)], "x"), ProtocolError.InvalidProposal);
        c.Fail(O1, new VoteCall(42, VoteSupport.For), ProtocolError.UnknownProposal);
        c.Fail(O1, new ExecuteCall(42), ProtocolError.UnknownProposal);
        c.Call(O1, new ProposeCall(SetUnbonding(3), "x"));
        c.StartRound(3);
        c.Fail(Addr.Of(99), new VoteCall(1, VoteSupport.For), ProtocolError.NoVotingPower);
    }

    [Fact]
    public void Treasury_spend_and_verifier_change_execute()
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
        c.StartRound(3);
        c.Call(O1, new VoteCall(1, VoteSupport.For));
        c.Call(O1, new VoteCall(2, VoteSupport.For));
        c.StartRound(6);
        var events = c.Call(O1, new ExecuteCall(1));
        Assert.Contains(new TreasurySpent(Grantee, L(1)), events);
        Assert.Equal(L(1), c.State.LptBalanceOf(Grantee));
        Assert.Equal(2, c.State.Governance.Value.Verifiers.Length);
        Assert.Equal(1, c.State.Governance.Value.VerifierThreshold);
        c.Fail(O1, new ExecuteCall(2), ProtocolError.InsufficientTreasury);
    }

    [Fact]
    public void Round_length_change_keeps_the_current_round()
    {
        var c = Chain();
        c.Call(O1, new ProposeCall([new ParameterChange(ParameterName.RoundLength, (UInt256)10UL)], "shorter rounds"));
        c.StartRound(3);
        c.Call(O1, new VoteCall(1, VoteSupport.For));
        c.StartRound(6, offset: 3);
        c.Call(O1, new ExecuteCall(1));
        Assert.Equal(6, c.Round);                   // block 103 stays in round 6 (which started at block 100)
        Assert.Equal(7, Protocol.Rounds.RoundsManager.RoundOf(c.State, 110));
    }
}
