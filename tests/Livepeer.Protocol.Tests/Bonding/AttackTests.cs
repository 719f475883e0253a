using Livepeer.Core;
using Livepeer.Protocol.Bonding;
using Livepeer.Protocol.Calls;
using Livepeer.Protocol.Engine;
using Livepeer.Protocol.Events;
using Livepeer.Protocol.Parameters;
using Livepeer.Protocol.Tests.Support;

namespace Livepeer.Protocol.Tests.Bonding;

/// <summary>
/// The three attacks Livepeer's contracts closed: each is performed and shown refused with its reason and no state
/// change (<see cref="TestChain.Fail"/> compares the state hash before and after), or, for the unlock, shown harmless.
/// </summary>
public class AttackTests
{
    private static readonly Address O1 = Addr.Of(1), O2 = Addr.Of(2), Victim = Addr.Of(11), Attacker = Addr.Of(66), B = Addr.Of(20);

    private static UInt256 L(ulong n) => TestChain.Lpt(n);

    /// <summary>O1 and O2 registered and active from round 2; the victim delegates 100 LPT to O1; the attacker holds LPT.</summary>
    private static TestChain Chain()
    {
        var p = ProtocolParameters.Devnet with { InitialInflation = 1_000_000, InflationChange = 0 };
        var c = new TestChain(p, [(O1, L(1000)), (O2, L(1000)), (Victim, L(1000)), (Attacker, L(1000))], [(B, L(10)), (Attacker, L(1))]);
        c.StartRound(1);
        c.Call(O1, new BondCall(L(500), O1));
        c.Call(O2, new BondCall(L(500), O2));
        c.Call(Victim, new BondCall(L(100), O1));
        c.Call(Attacker, new BondCall(L(1), O1));
        c.StartRound(2);
        return c;
    }

    [Fact]
    public void BondForOneWeiBeforeTheOrchestratorsRewardIsRefused()
    {
        var c = Chain();
        // Round 2: O1 has not called reward. Forcing the victim's claim now would forfeit its round-2 reward share.
        var r = c.Fail(Attacker, new BondForCall(UInt256.One, Victim, O1), ProtocolError.IllegalClaimEarnings);
        Assert.Contains("reward", r.Message);
        // The victim itself may claim or bond at any time; after O1's reward anyone may bondFor it.
        c.Call(O1, new RewardCall());
        var before = BondingManager.PendingStakeAndFees(c.State, Victim, c.Round).Stake;
        Assert.True(before > L(100));
        c.Call(Attacker, new BondForCall(UInt256.One, Victim, O1));
        Assert.Equal(before + UInt256.One, c.State.DelegatorOf(Victim).BondedAmount);
    }

    [Fact]
    public void BondForIsAllowedOnceTheVictimClaimedThisRoundOrItsOrchestratorIsInactive()
    {
        var c = Chain();
        c.Call(Victim, new ClaimEarningsCall(0)); // its own choice: it forfeits round 2's reward itself
        c.Call(Attacker, new BondForCall(UInt256.One, Victim, O1));
        // O1 leaves the pool: from round 4 it is inactive, and nothing can be forfeited any more.
        c.Call(O1, new UnbondCall(L(500)));
        c.StartRound(4);
        Assert.False(c.State.TranscoderOf(O1).IsActiveIn(4));
        c.Call(Attacker, new BondForCall(UInt256.One, Victim, O1));
    }

    [Fact]
    public void TransferBondIntoADelegatorBeforeItsOrchestratorsRewardIsRefused()
    {
        var c = Chain();
        c.Fail(Attacker, new TransferBondCall(Victim, UInt256.One), ProtocolError.IllegalClaimEarnings);
        c.Call(O1, new RewardCall());
        c.Call(Attacker, new TransferBondCall(Victim, UInt256.One));
    }

    [Fact]
    public void TransferBondThatWouldMakeTheReceiverSelfDelegateIsRefused()
    {
        // The attacker delegates 1 wei to an unbonded bystander V, then transfers that bond to V: V would become a
        // registered transcoder (delegated to itself) that cannot delegate to anyone else.
        var c = Chain();
        var v = Addr.Of(12);
        c.Call(Attacker, new BondCall(UInt256.One, v)); // moves the attacker's whole bond to V
        c.NextRound();
        c.Fail(Attacker, new TransferBondCall(v, UInt256.One), ProtocolError.TransferBondInvalidDelegator);
        Assert.False(BondingManager.IsRegisteredTranscoder(c.State, v));
        // A transfer to a receiver delegating elsewhere is fine (after O1's reward): the stake follows the receiver's delegate.
        c.Call(O1, new RewardCall());
        c.Call(Attacker, new TransferBondCall(Victim, UInt256.One));
        Assert.Equal(O1, c.State.DelegatorOf(Victim).DelegateAddress);
    }

    [Fact]
    public void ThirdPartyFundingKeepsTheSendersUnlockSoItCanWithdraw()
    {
        var c = Chain();
        c.Call(B, new FundDepositCall(L(5)));
        c.Call(B, new UnlockCall());
        var withdrawRound = c.State.SenderOf(B).WithdrawRound;
        var events = c.Call(Attacker, new FundDepositAndReserveForCall(B, UInt256.One, UInt256.One));
        Assert.DoesNotContain(events, e => e is UnlockCancelled);
        Assert.Equal(withdrawRound, c.State.SenderOf(B).WithdrawRound);
        c.StartRound(withdrawRound);
        events = c.Call(B, new WithdrawCall());
        Assert.Contains(new Withdrawal(B, L(5) + UInt256.One, UInt256.One), events);
    }
}
