using Livepeer.Core;
using Livepeer.Protocol.Calls;
using Livepeer.Protocol.Engine;
using Livepeer.Protocol.Parameters;
using Livepeer.Protocol.Tests.Support;

namespace Livepeer.Protocol.Tests.State;

public class EngineErrorTests
{
    private sealed record MadeUpCall : ProtocolCall;

    private static TestChain Chain()
    {
        var c = new TestChain(ProtocolParameters.Devnet, [(Addr.Of(1), TestChain.Lpt(10))], [(Addr.Of(1), TestChain.Lpt(10))]);
        c.StartRound(1);
        return c;
    }

    [Fact]
    public void UnknownOrIncompleteCallsAreNamedErrors()
    {
        var c = Chain();
        c.Fail(Addr.Of(1), new MadeUpCall(), ProtocolError.UnknownCall);
        c.Fail(Addr.Of(1), null!, ProtocolError.UnknownCall);
        c.Fail(Addr.Of(1), new RedeemWinningTicketCall(null!, null!, UInt256.One), ProtocolError.UnknownCall);
        c.Fail(Addr.Of(1), new SlashEquivocationCall(null!), ProtocolError.InvalidEvidence);
    }

    [Fact]
    public void ArithmeticOverflowIsAnErrorAndRollsBack()
    {
        var c = Chain();
        // deposit + reserve does not fit in 256 bits.
        c.Fail(Addr.Of(1), new FundDepositAndReserveCall(UInt256.MaxValue, UInt256.One), ProtocolError.ArithmeticOverflow);
    }

    private sealed class ThrowingRecovery : Livepeer.Protocol.Signing.ISignatureRecovery
    {
        public Address? Recover(Hash digest, ReadOnlySpan<byte> signature65) => throw new InvalidOperationException("secp256k1 context lost");
    }

    [Fact]
    public void AnExceptionFromAnInjectedServiceIsAnInternalErrorAndRollsBack()
    {
        var o = Addr.Of(1);
        var b = Addr.Of(20);
        var c = new TestChain(ProtocolParameters.Devnet, [(o, TestChain.Lpt(10))], [(b, TestChain.Lpt(10))]);
        c.StartRound(1);
        c.Call(o, new BondCall(TestChain.Lpt(10), o));
        c.Call(b, new FundDepositCall(TestChain.Lpt(1)));
        c.StartRound(2);
        var rand = (UInt256)7UL;
        var t = new Protocol.TicketBroker.Ticket(o, b, UInt256.One, UInt256.MaxValue, UInt256.One, Protocol.TicketBroker.Ticket.RecipientRandHashOf(rand), 2,
            c.State.RoundBlockHashes.Get(2));
        var engine = new ProtocolEngine(new ThrowingRecovery());
        var before = c.State.ComputeStateHash();
        var r = engine.Apply(c.State, c.Context, o, new RedeemWinningTicketCall(t, FakeSignatures.SignPersonal(b, t.Hash()), rand));
        Assert.Equal(ProtocolError.InternalError, r.Error);
        Assert.Contains("secp256k1 context lost", r.Message);
        Assert.Equal(before, c.State.ComputeStateHash());
        Assert.True(c.Try(o, new ClaimEarningsCall(2)).Succeeded); // the state is still usable
    }

    [Fact]
    public void ACallThatFailsAfterWritingLeavesNoTrace()
    {
        var c = Chain();
        // Bond writes the delegator, pool and totals before the token transfer fails for lack of balance.
        c.Fail(Addr.Of(1), new BondCall(TestChain.Lpt(11), Addr.Of(1)), ProtocolError.InsufficientBalance);
        Assert.Empty(c.State.Pool.Value.Members);
        Assert.Equal(0, c.State.Delegators.Count);
    }
}
