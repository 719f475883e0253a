using System.Numerics;
using Livepeer.Core;
using Livepeer.Core.Crypto;
using Livepeer.Protocol.Calls;
using Livepeer.Protocol.Engine;
using Livepeer.Protocol.Events;
using Livepeer.Protocol.Parameters;
using Livepeer.Protocol.State;
using Livepeer.Protocol.TicketBroker;
using Livepeer.Protocol.Tests.Support;

namespace Livepeer.Protocol.Tests.TicketBroker;

public class TicketBrokerTests
{
    private static readonly Address O1 = Addr.Of(1), O2 = Addr.Of(2), B = Addr.Of(20), Other = Addr.Of(21);
    private static readonly UInt256 Eth = TestChain.Lpt(1);

    private static TestChain Chain()
    {
        var c = new TestChain(ProtocolParameters.Devnet with { TreasuryRewardCutRate = UInt256.Zero },
            [(O1, TestChain.Lpt(1000)), (O2, TestChain.Lpt(1000))], [(B, Eth * (UInt256)100UL), (Other, Eth)]);
        c.StartRound(1);
        c.Call(O1, new BondCall(TestChain.Lpt(100), O1));
        c.Call(O2, new BondCall(TestChain.Lpt(100), O2));
        c.StartRound(2);
        return c;
    }

    private static (Ticket Ticket, byte[] Sig, UInt256 Rand) WinningTicket(TestChain c, UInt256 face, Address? recipient = null, ulong nonce = 1, Address? signer = null, long? round = null)
    {
        var rand = (UInt256)(nonce * 7919 + 17);
        var r = round ?? c.Round;
        var ticket = new Ticket(recipient ?? O1, B, face, UInt256.MaxValue, (UInt256)nonce, Ticket.RecipientRandHashOf(rand), r, c.State.RoundBlockHashes.Get(r));
        return (ticket, FakeSignatures.SignPersonal(signer ?? B, ticket.Hash()), rand);
    }

    [Fact]
    public void TicketHashIsSolidityPackedEncoding()
    {
        var t = new Ticket(O1, B, (UInt256)5UL, (UInt256)6UL, (UInt256)7UL, new Hash(new byte[32]), 9, new Hash(Enumerable.Repeat((byte)0xAB, 32).ToArray()));
        var packed = new List<byte>();
        packed.AddRange(O1.ToArray());
        packed.AddRange(B.ToArray());
        foreach (var v in new ulong[] { 5, 6, 7 }) packed.AddRange(((UInt256)v).ToBigEndian32());
        packed.AddRange(new byte[32]);
        packed.AddRange(((UInt256)9UL).ToBigEndian32());
        packed.AddRange(Enumerable.Repeat((byte)0xAB, 32));
        Assert.Equal(232, packed.Count);
        Assert.Equal(Keccak256.Hash(packed.ToArray()), t.Hash());
    }

    [Fact]
    public void WinCheckComparesKeccakOfSigAndRandWithWinProb()
    {
        var sig = new byte[65];
        var rand = (UInt256)42UL;
        var h = UInt256.FromBigEndian(Keccak256.Hash(sig.Concat(rand.ToBigEndian32()).ToArray()).Bytes);
        Assert.True(Ticket.IsWinning(sig, rand, h + UInt256.One));
        Assert.False(Ticket.IsWinning(sig, rand, h));
    }

    [Fact]
    public void FundingUnlockWithdrawCycle()
    {
        var c = Chain();
        c.Fail(B, new FundDepositCall(UInt256.Zero), ProtocolError.ZeroFunding);
        c.Fail(Other, new FundDepositCall(Eth * (UInt256)2UL), ProtocolError.InsufficientEth);
        c.Fail(B, new UnlockCall(), ProtocolError.SenderFundsZero);
        c.Fail(B, new WithdrawCall(), ProtocolError.SenderFundsZero);
        var events = c.Call(B, new FundDepositAndReserveCall(Eth * (UInt256)3UL, Eth * (UInt256)2UL));
        Assert.Contains(new DepositFunded(B, Eth * (UInt256)3UL), events);
        Assert.Contains(new ReserveFunded(B, Eth * (UInt256)2UL), events);
        Assert.Equal(Eth * (UInt256)95UL, c.State.EthBalanceOf(B));
        c.Fail(B, new CancelUnlockCall(), ProtocolError.NoUnlockInProgress);
        c.Fail(B, new WithdrawCall(), ProtocolError.NoUnlockInProgress);
        c.Call(B, new UnlockCall());
        Assert.Equal(4, c.State.SenderOf(B).WithdrawRound);
        c.Fail(B, new UnlockCall(), ProtocolError.UnlockAlreadyInProgress);
        c.Fail(B, new WithdrawCall(), ProtocolError.AccountLocked);
        c.Call(B, new CancelUnlockCall());
        c.Call(B, new UnlockCall());
        c.StartRound(4);
        var w = c.Call(B, new WithdrawCall());
        Assert.Contains(new Withdrawal(B, Eth * (UInt256)3UL, Eth * (UInt256)2UL), w);
        Assert.Equal(Eth * (UInt256)100UL, c.State.EthBalanceOf(B));
        // As Livepeer's withdraw: withdrawRound stays set (only the sender's own funding cancels the unlock).
        Assert.Equal(4, c.State.SenderOf(B).WithdrawRound);
    }

    [Fact]
    public void FundingForAnotherSenderDoesNotCancelItsUnlockButItsOwnFundingDoes()
    {
        // MixinTicketBrokerCore: only msg.sender == sender cancels (upstream fix d153b78). A third party topping up
        // the deposit must not keep a broadcaster from ever withdrawing.
        var c = Chain();
        c.Call(B, new FundDepositCall(Eth));
        c.Call(B, new UnlockCall());
        var withdrawRound = c.State.SenderOf(B).WithdrawRound;
        var events = c.Call(Other, new FundDepositAndReserveForCall(B, UInt256.One, UInt256.Zero));
        Assert.DoesNotContain(events, e => e is UnlockCancelled);
        Assert.Equal(withdrawRound, c.State.SenderOf(B).WithdrawRound);
        Assert.Equal(Eth + UInt256.One, c.State.SenderOf(B).Deposit);
        events = c.Call(B, new FundReserveCall(UInt256.One));
        Assert.Contains(new UnlockCancelled(B), events);
        Assert.Equal(0, c.State.SenderOf(B).WithdrawRound);
    }

    [Fact]
    public void RedeemPaysFromDepositIntoRecipientPool()
    {
        var c = Chain();
        c.Call(B, new FundDepositCall(Eth * (UInt256)5UL));
        var (t, sig, rand) = WinningTicket(c, Eth);
        var events = c.Call(O1, new RedeemWinningTicketCall(t, sig, rand));
        Assert.Contains(events, e => e is WinningTicketRedeemed r && r.TicketHash == t.Hash());
        Assert.Contains(new WinningTicketTransfer(B, O1, Eth), events);
        Assert.Equal(Eth * (UInt256)4UL, c.State.SenderOf(B).Deposit);
        Assert.True(c.State.UsedTickets.Contains(t.Hash()));
        // O1 is its only delegator: feeShare 0 => the whole fee is its commission.
        var (_, fees) = Protocol.Tests.Bonding.BondingManagerView.Pending(c, O1);
        Assert.Equal(Eth, fees);
        c.Fail(O1, new RedeemWinningTicketCall(t, sig, rand), ProtocolError.TicketUsed);
    }

    [Fact]
    public void EveryRedeemCheckHasItsOwnErrorInOrder()
    {
        var c = Chain();
        c.Call(B, new FundDepositCall(Eth));
        var (t, sig, rand) = WinningTicket(c, Eth / (UInt256)2UL);
        c.Fail(O1, new RedeemWinningTicketCall(t with { Recipient = Address.Zero }, sig, rand), ProtocolError.TicketRecipientZero);
        c.Fail(O1, new RedeemWinningTicketCall(t with { Sender = Address.Zero }, sig, rand), ProtocolError.TicketSenderZero);
        c.Fail(O1, new RedeemWinningTicketCall(t with { CreationRoundBlockHash = TestChain.BlockHash(999) }, sig, rand), ProtocolError.InvalidCreationRoundBlockHash);
        c.Fail(O1, new RedeemWinningTicketCall(t, sig, rand + UInt256.One), ProtocolError.RecipientRandMismatch);
        var tampered = (byte[])sig.Clone();
        tampered[0] ^= 1;
        c.Fail(O1, new RedeemWinningTicketCall(t, tampered, rand), ProtocolError.InvalidSignature);
        c.Fail(O1, new RedeemWinningTicketCall(t, sig[..64], rand), ProtocolError.InvalidSignature);
        var (other, otherSig, otherRand) = WinningTicket(c, UInt256.One, signer: Other);
        c.Fail(O1, new RedeemWinningTicketCall(other, otherSig, otherRand), ProtocolError.InvalidSignature);
        var losing = t with { WinProb = UInt256.Zero };
        c.Fail(O1, new RedeemWinningTicketCall(losing, FakeSignatures.SignPersonal(B, losing.Hash()), rand), ProtocolError.TicketDidNotWin);
        var toInactive = WinningTicket(c, UInt256.One, recipient: Addr.Of(77));
        c.Fail(O1, new RedeemWinningTicketCall(toInactive.Ticket, toInactive.Sig, toInactive.Rand), ProtocolError.RecipientNotActive);
        var noFunds = WinningTicket(c, UInt256.One) with { };
        var t2 = noFunds.Ticket with { Sender = Other };
        c.Fail(O1, new RedeemWinningTicketCall(t2, FakeSignatures.SignPersonal(Other, t2.Hash()), noFunds.Rand), ProtocolError.SenderFundsZero);
        c.Call(B, new UnlockCall());
        c.StartRound(4);
        // still within validity? creation round 2 + 2 > 4 is false => expired comes first.
        c.Fail(O1, new RedeemWinningTicketCall(t, sig, rand), ProtocolError.TicketExpired);
        var fresh = WinningTicket(c, UInt256.One, nonce: 9);
        c.Fail(O1, new RedeemWinningTicketCall(fresh.Ticket, fresh.Sig, fresh.Rand), ProtocolError.SenderUnlocked);
    }

    [Fact]
    public void ReserveIsSharedAmongActiveTranscodersAndShortFundsRefuse()
    {
        var c = Chain();
        // Deposit 1 ETH, reserve 4 ETH; 2 active transcoders => each may claim 2 ETH of reserve this round.
        c.Call(B, new FundDepositAndReserveCall(Eth, Eth * (UInt256)4UL));
        Assert.Equal(Eth * (UInt256)2UL, ReserveShare(c, O1));
        var (t, sig, rand) = WinningTicket(c, Eth * (UInt256)2UL);
        var events = c.Call(O1, new RedeemWinningTicketCall(t, sig, rand)); // 1 from deposit + 1 from reserve
        Assert.Contains(new ReserveClaimed(B, O1, Eth), events);
        Assert.Equal(UInt256.Zero, c.State.SenderOf(B).Deposit);
        Assert.Equal(Eth * (UInt256)3UL, c.State.SenderOf(B).ReserveRemaining);
        Assert.Equal(Eth, ReserveShare(c, O1)); // (3 + 1) / 2 - 1
        // A ticket of 1.5 ETH exceeds O1's remaining share of 1 ETH: refused, not burned.
        var big = WinningTicket(c, Eth * (UInt256)3UL / (UInt256)2UL, nonce: 2);
        var before = c.State.ComputeStateHash();
        c.Fail(O1, new RedeemWinningTicketCall(big.Ticket, big.Sig, big.Rand), ProtocolError.InsufficientSenderFunds);
        Assert.False(c.State.UsedTickets.Contains(big.Ticket.Hash()));
        Assert.Equal(before, c.State.ComputeStateHash());
        // O2 still has its own 2 ETH share.
        var forO2 = WinningTicket(c, Eth * (UInt256)2UL, recipient: O2, nonce: 3);
        c.Call(O2, new RedeemWinningTicketCall(forO2.Ticket, forO2.Sig, forO2.Rand));
        Assert.Equal(Eth, c.State.SenderOf(B).ReserveRemaining);
    }

    [Fact]
    public void AnOrchestratorThatUnbondedCannotReceiveFeesEvenWhileStillActive()
    {
        var c = Chain();
        c.Call(B, new FundDepositCall(Eth));
        c.Call(O1, new UnbondCall(TestChain.Lpt(100)));
        Assert.True(Protocol.Bonding.BondingManager.CanEarn(c.State, O1, c.Round));
        var (t, sig, rand) = WinningTicket(c, UInt256.One);
        c.Fail(O1, new RedeemWinningTicketCall(t, sig, rand), ProtocolError.RecipientNotActive);
    }

    [Fact]
    public void ReserveIsSharedAmongTheLivePoolSize()
    {
        // MixinReserve.claimableReserve divides by getTranscoderPoolSize(): a transcoder joining the pool mid-round
        // (active only next round) already shrinks this round's shares.
        var o3 = Addr.Of(3);
        var c = new TestChain(ProtocolParameters.Devnet with { TreasuryRewardCutRate = UInt256.Zero },
            [(O1, TestChain.Lpt(1000)), (O2, TestChain.Lpt(1000)), (o3, TestChain.Lpt(1000))], [(B, Eth * (UInt256)100UL)]);
        c.StartRound(1);
        c.Call(O1, new BondCall(TestChain.Lpt(100), O1));
        c.Call(O2, new BondCall(TestChain.Lpt(100), O2));
        c.StartRound(2);
        c.Call(B, new FundReserveCall(Eth * (UInt256)6UL));
        Assert.Equal(Eth * (UInt256)3UL, ReserveShare(c, O1));
        c.Call(o3, new BondCall(TestChain.Lpt(100), o3));
        Assert.False(Protocol.Bonding.BondingManager.CanEarn(c.State, o3, c.Round));
        Assert.Equal(Eth * (UInt256)2UL, ReserveShare(c, O1));
    }

    private static UInt256 ReserveShare(TestChain c, Address recipient) =>
        TicketBrokerModule.ClaimableReserve(c.State, B, recipient, c.Round);

    [Fact]
    public void ServiceUriIsSetAndValidated()
    {
        var c = Chain();
        var events = c.Call(O1, new SetServiceUriCall("https://127.0.0.1:8936"));
        Assert.Contains(new ServiceUriUpdate(O1, "https://127.0.0.1:8936"), events);
        Assert.Equal("https://127.0.0.1:8936", c.State.ServiceUris.Get(O1));
        c.Fail(O1, new SetServiceUriCall("not a uri"), ProtocolError.InvalidServiceUri);
        c.Fail(O1, new SetServiceUriCall("ftp://x"), ProtocolError.InvalidServiceUri);
    }
}
