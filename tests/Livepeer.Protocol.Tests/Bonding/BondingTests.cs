using Livepeer.Core;
using Livepeer.Protocol.Bonding;
using Livepeer.Protocol.Calls;
using Livepeer.Protocol.Engine;
using Livepeer.Protocol.Events;
using Livepeer.Protocol.Parameters;
using Livepeer.Protocol.State;
using Livepeer.Protocol.Tests.Support;
using Livepeer.Protocol.Views;

namespace Livepeer.Protocol.Tests.Bonding;

public class BondingTests
{
    private static readonly Address O1 = Addr.Of(1), O2 = Addr.Of(2), O3 = Addr.Of(3), D1 = Addr.Of(11), D2 = Addr.Of(12);

    private static UInt256 L(ulong n) => TestChain.Lpt(n);

    private static TestChain Chain(ProtocolParameters? p = null)
    {
        var c = new TestChain(p ?? ProtocolParameters.Devnet with { TreasuryRewardCutRate = UInt256.Zero },
            [(O1, L(1000)), (O2, L(1000)), (O3, L(1000)), (D1, L(1000)), (D2, L(1000))]);
        c.StartRound(1);
        return c;
    }

    [Fact]
    public void FirstBondIsPendingUntilNextRoundAndMovesTokensToMinter()
    {
        var c = Chain();
        var events = c.Call(D1, new BondCall(L(100), O1));
        Assert.Contains(new Events.Bond(O1, Address.Zero, D1, L(100), L(100)), events);
        var d = c.State.DelegatorOf(D1);
        Assert.Equal(2, d.StartRound);
        Assert.Equal(DelegatorStatus.Pending, BondingManager.StatusOf(d, 1));
        Assert.Equal(DelegatorStatus.Bonded, BondingManager.StatusOf(d, 2));
        Assert.Equal(L(900), c.State.LptBalanceOf(D1));
        Assert.Equal(L(100), c.State.LptBalanceOf(ProtocolAccounts.Minter));
        Assert.Equal(L(100), c.State.DelegatorOf(O1).DelegatedAmount);
        // O1 is not self-bonded: not registered, not in the pool.
        Assert.Empty(c.State.Pool.Value.Members);
    }

    [Fact]
    public void SelfBondRegistersAndJoinsPoolForNextRound()
    {
        var c = Chain();
        var events = c.Call(O1, new BondCall(L(100), O1));
        Assert.Contains(new TranscoderActivated(O1, 2), events);
        Assert.True(BondingManager.IsRegisteredTranscoder(c.State, O1));
        Assert.Equal(L(100), c.State.Totals.Value.NextRoundTotalActiveStake);
        Assert.False(BondingManager.CanEarn(c.State, O1, 1));
        Assert.True(BondingManager.CanEarn(c.State, O1, 2));
    }

    [Fact]
    public void BondErrors()
    {
        var c = Chain();
        c.Fail(D1, new BondCall(L(1), Address.Zero), ProtocolError.InvalidAddress);
        c.Fail(D1, new BondCall(UInt256.Zero, O1), ProtocolError.ZeroDelegationAmount);
        c.Fail(D1, new BondCall(L(1001), O1), ProtocolError.InsufficientBalance);
        c.Call(O1, new BondCall(L(10), O1));
        c.Fail(O1, new BondCall(L(10), O2), ProtocolError.TranscoderCannotChangeDelegate);
    }

    [Fact]
    public void BondForGuardsAgainstForcedDelegation()
    {
        var c = Chain();
        c.Fail(D1, new BondForCall(L(1), D2, D2), ProtocolError.BondForCannotSelfDelegate);
        c.Call(D1, new BondForCall(L(5), D2, O1));
        Assert.Equal(L(5), c.State.DelegatorOf(D2).BondedAmount);
        Assert.Equal(L(995), c.State.LptBalanceOf(D1)); // the caller pays
        c.Fail(D1, new BondForCall(L(1), D2, O2), ProtocolError.BondForCannotChangeDelegate);
        c.Call(D1, new BondForCall(L(1), D2, O1)); // adding to the same delegate is fine
        Assert.Equal(L(6), c.State.DelegatorOf(D2).BondedAmount);
    }

    [Fact]
    public void ChangeDelegateMovesWholeBond()
    {
        var c = Chain();
        c.Call(O1, new BondCall(L(100), O1));
        c.Call(O2, new BondCall(L(100), O2));
        c.Call(D1, new BondCall(L(50), O1));
        c.NextRound();
        c.Call(D1, new BondCall(L(10), O2));
        Assert.Equal(L(100), c.State.DelegatorOf(O1).DelegatedAmount);
        Assert.Equal(L(160), c.State.DelegatorOf(O2).DelegatedAmount);
        Assert.Equal(O2, c.State.DelegatorOf(D1).DelegateAddress);
        Assert.Equal(3, c.State.DelegatorOf(D1).StartRound);
        Assert.Equal(L(260), c.State.Totals.Value.NextRoundTotalActiveStake);
    }

    [Fact]
    public void UnbondRebondWithdrawCycleAndErrors()
    {
        var c = Chain();
        c.Call(O1, new BondCall(L(100), O1));
        c.Call(D1, new BondCall(L(50), O1));
        c.Fail(D1, new UnbondCall(L(1)), ProtocolError.DelegatorNotBonded); // pending
        c.Fail(D2, new UnbondCall(L(1)), ProtocolError.DelegatorNotBonded); // unbonded
        c.NextRound(); // round 2
        c.Fail(D1, new UnbondCall(UInt256.Zero), ProtocolError.ZeroAmount);
        c.Fail(D1, new UnbondCall(L(51)), ProtocolError.AmountExceedsBonded);
        var events = c.Call(D1, new UnbondCall(L(20)));
        Assert.Contains(new Events.Unbond(O1, D1, 0, L(20), 4), events); // withdrawRound = 2 + unbondingPeriod 2
        Assert.Equal(L(130), c.State.DelegatorOf(O1).DelegatedAmount);
        c.Fail(D1, new RebondCall(7), ProtocolError.InvalidUnbondingLock);
        c.Call(D1, new RebondCall(0));
        Assert.Equal(L(50), c.State.DelegatorOf(D1).BondedAmount);
        c.Fail(D1, new RebondCall(0), ProtocolError.InvalidUnbondingLock); // used up
        c.Call(D1, new UnbondCall(L(50))); // full unbond: lock 1
        Assert.Equal(Address.Zero, c.State.DelegatorOf(D1).DelegateAddress);
        c.Fail(D1, new RebondCall(1), ProtocolError.DelegatorUnbonded);
        c.Fail(D1, new WithdrawStakeCall(1), ProtocolError.UnbondingLockNotWithdrawable);
        c.StartRound(4);
        c.Call(D1, new WithdrawStakeCall(1));
        Assert.Equal(L(1000), c.State.LptBalanceOf(D1));
        c.Fail(D1, new WithdrawStakeCall(1), ProtocolError.InvalidUnbondingLock);
    }

    [Fact]
    public void RebondFromUnbondedPicksANewDelegate()
    {
        var c = Chain();
        c.Call(O1, new BondCall(L(100), O1));
        c.Call(O2, new BondCall(L(100), O2));
        c.Call(D1, new BondCall(L(50), O1));
        c.NextRound();
        c.Call(D1, new UnbondCall(L(50)));
        c.Fail(D1, new RebondFromUnbondedCall(Address.Zero, 0), ProtocolError.InvalidAddress);
        c.Fail(D1, new RebondFromUnbondedCall(O2, 5), ProtocolError.InvalidUnbondingLock);
        c.Call(D1, new RebondFromUnbondedCall(O2, 0));
        Assert.Equal(O2, c.State.DelegatorOf(D1).DelegateAddress);
        Assert.Equal(L(150), c.State.DelegatorOf(O2).DelegatedAmount);
        c.Fail(D1, new RebondFromUnbondedCall(O2, 0), ProtocolError.DelegatorNotUnbonded);
    }

    [Fact]
    public void TranscoderUpdateRules()
    {
        var c = Chain();
        c.Fail(D1, new TranscoderUpdateCall(1, 1), ProtocolError.TranscoderNotRegistered);
        c.Call(O1, new BondCall(L(100), O1));
        c.Fail(O1, new TranscoderUpdateCall(1_000_001, 0), ProtocolError.InvalidRewardCut);
        c.Fail(O1, new TranscoderUpdateCall(0, -1), ProtocolError.InvalidFeeShare);
        var events = c.Call(O1, new TranscoderUpdateCall(100_000, 500_000));
        Assert.Contains(new Events.TranscoderUpdate(O1, 100_000, 500_000), events);
        c.NextRound(); // O1 active in round 2
        c.Fail(O1, new TranscoderUpdateCall(1, 1), ProtocolError.RewardNotCalledThisRound);
        c.Call(O1, new RewardCall());
        c.Call(O1, new TranscoderUpdateCall(1, 1));
        c.SetBlock(c.Block + 19); // last block of round 2: locked
        c.Fail(O1, new TranscoderUpdateCall(2, 2), ProtocolError.RoundLocked);
    }

    [Fact]
    public void RewardErrors()
    {
        var c = Chain();
        c.Call(O1, new BondCall(L(100), O1));
        c.Fail(O1, new RewardCall(), ProtocolError.NotActiveTranscoder); // active only from round 2
        c.NextRound();
        c.Call(O1, new RewardCall());
        c.Fail(O1, new RewardCall(), ProtocolError.RewardAlreadyCalled);
    }

    [Fact]
    public void RewardMintsShareAndGrowsStake()
    {
        var p = ProtocolParameters.Devnet with { TreasuryRewardCutRate = PreciseFactor.PercPoints(1, 10), InitialInflation = 1_000_000, InflationChange = 0 };
        var c = Chain(p);
        c.Call(O1, new BondCall(L(300), O1));
        c.Call(O2, new BondCall(L(100), O2));
        c.NextRound();
        // supply 5000 LPT, inflation 0.1% => mintable 5 LPT; O1 share 300/400 => 3.75 LPT; treasury 10% = 0.375.
        var events = c.Call(O1, new RewardCall());
        Assert.Contains(new Events.Reward(O1, UInt256.Parse("3375000000000000000")), events);
        Assert.Contains(new TreasuryReward(O1, ProtocolAccounts.Treasury, UInt256.Parse("375000000000000000")), events);
        Assert.Equal(UInt256.Parse("303375000000000000000"), c.State.DelegatorOf(O1).DelegatedAmount);
        Assert.Equal(UInt256.Parse("3750000000000000000"), c.State.Minter.Value.CurrentMintedTokens);
    }

    [Fact]
    public void PoolIsBoundedAndTiesDoNotEvict()
    {
        var c = Chain(ProtocolParameters.Devnet with { NumActiveTranscoders = 2 });
        c.Call(O1, new BondCall(L(100), O1));
        c.Call(O2, new BondCall(L(50), O2));
        c.Call(O3, new BondCall(L(50), O3)); // tie with the tail: stays out
        Assert.Equal([O1, O2], c.State.Pool.Value.Members.Select(m => m.Transcoder));
        var events = c.Call(O3, new BondCall(L(1), O3)); // now above the tail: evicts O2
        Assert.Contains(new TranscoderDeactivated(O2, 2), events);
        Assert.Contains(new TranscoderActivated(O3, 2), events);
        Assert.Equal([O1, O3], c.State.Pool.Value.Members.Select(m => m.Transcoder));
        Assert.Equal(L(151), c.State.Totals.Value.NextRoundTotalActiveStake);
    }

    [Fact]
    public void ANewcomerWithAnEqualStakeGoesBeforeTheMembersItTiesWith()
    {
        // SortedDoublyLL's hint-less insert: the first position where prev.stake >= stake >= next.stake.
        var c = Chain();
        c.Call(O1, new BondCall(L(50), O1));
        c.Call(O2, new BondCall(L(50), O2));
        Assert.Equal([O2, O1], c.State.Pool.Value.Members.Select(m => m.Transcoder));
        c.Call(O3, new BondCall(L(60), O3));
        c.Call(O1, new BondCall(L(10), O1)); // re-keyed to 60: goes before O3
        Assert.Equal([O1, O3, O2], c.State.Pool.Value.Members.Select(m => m.Transcoder));
    }

    [Fact]
    public void FullUnbondOfTranscoderResignsIt()
    {
        var c = Chain();
        c.Call(O1, new BondCall(L(100), O1));
        c.NextRound();
        var events = c.Call(O1, new UnbondCall(L(100)));
        Assert.Contains(new TranscoderDeactivated(O1, 3), events);
        Assert.Empty(c.State.Pool.Value.Members);
        Assert.Equal(UInt256.Zero, c.State.Totals.Value.NextRoundTotalActiveStake);
        Assert.True(BondingManager.CanEarn(c.State, O1, 2)); // still active for the rest of round 2
    }

    [Fact]
    public void ClaimEarningsIgnoresEndRoundAndClaimsThroughTheCurrentRound()
    {
        // As the contracts: claimEarnings(_endRound) ignores _endRound.
        var c = Chain();
        c.NextRound();
        c.Call(D1, new ClaimEarningsCall(999));
        Assert.Equal(2, c.State.DelegatorOf(D1).LastClaimRound);
        c.Call(D1, new ClaimEarningsCall(1));
        Assert.Equal(2, c.State.DelegatorOf(D1).LastClaimRound);
    }

    [Fact]
    public void WithdrawFeesErrors()
    {
        var c = Chain();
        c.Fail(D1, new WithdrawFeesCall(D1, UInt256.One), ProtocolError.InsufficientFees);
        c.Fail(D1, new WithdrawFeesCall(Address.Zero, UInt256.Zero), ProtocolError.InvalidAddress);
    }

    [Fact]
    public void TransferBondMovesStakeToReceiver()
    {
        var c = Chain();
        c.Call(O1, new BondCall(L(100), O1));
        c.Call(D1, new BondCall(L(50), O1));
        c.NextRound();
        // As Livepeer's contract: a transfer to oneself unbonds, moves the lock (0 -> 1) and rebonds it: the stake is unchanged.
        Assert.Contains(new Events.TransferBond(D1, D1, 0, 1, L(1)), c.Call(D1, new TransferBondCall(D1, L(1))));
        Assert.Equal(L(50), c.State.DelegatorOf(D1).BondedAmount);
        c.Fail(D1, new TransferBondCall(D2, L(51)), ProtocolError.AmountExceedsBonded);
        var events = c.Call(D1, new TransferBondCall(D2, L(20)));
        Assert.Contains(new Events.TransferBond(D1, D2, 2, 0, L(20)), events);
        Assert.Equal(L(30), c.State.DelegatorOf(D1).BondedAmount);
        var d2 = c.State.DelegatorOf(D2);
        Assert.Equal(L(20), d2.BondedAmount);
        Assert.Equal(O1, d2.DelegateAddress);
        Assert.Equal(3, d2.StartRound);
        Assert.Equal(L(150), c.State.DelegatorOf(O1).DelegatedAmount);
        Assert.Null(c.State.UnbondingLocks.Get((D1, 0)));
    }

    [Fact]
    public void ViewsShowPendingStake()
    {
        var c = Chain();
        c.Call(O1, new BondCall(L(100), O1));
        c.Call(D1, new BondCall(L(100), O1));
        c.NextRound();
        c.Call(O1, new RewardCall());
        var v = ProtocolViews.GetDelegator(c.State, D1, c.Block);
        Assert.Equal(DelegatorStatus.Bonded, v.Status);
        Assert.True(v.PendingStake > v.BondedAmount);
        var t = ProtocolViews.GetTranscoder(c.State, O1, c.Block);
        Assert.True(t.Registered && t.Active);
        Assert.Equal(O1, Assert.Single(ProtocolViews.GetTranscoderPool(c.State)).Transcoder);
        Assert.True(ProtocolViews.GetRoundInfo(c.State, c.Block).Initialized);
    }
}
