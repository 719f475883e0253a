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
    public void Unknown_or_incomplete_calls_are_named_errors()
    {
        var c = Chain();
        c.Fail(Addr.Of(1), new MadeUpCall(), ProtocolError.UnknownCall);
        c.Fail(Addr.Of(1), null!, ProtocolError.UnknownCall);
        c.Fail(Addr.Of(1), new RedeemWinningTicketCall(null!, null!, UInt256.One), ProtocolError.UnknownCall);
        c.Fail(Addr.Of(1), new SlashEquivocationCall(null!), ProtocolError.InvalidEvidence);
    }

    [Fact]
    public void Arithmetic_overflow_is_an_error_and_rolls_back()
    {
        var c = Chain();
        // deposit + reserve does not fit in 256 bits.
        c.Fail(Addr.Of(1), new FundDepositAndReserveCall(UInt256.MaxValue, UInt256.One), ProtocolError.ArithmeticOverflow);
    }

    [Fact]
    public void A_call_that_fails_after_writing_leaves_no_trace()
    {
        var c = Chain();
        // Bond writes the delegator, pool and totals before the token transfer fails for lack of balance.
        c.Fail(Addr.Of(1), new BondCall(TestChain.Lpt(11), Addr.Of(1)), ProtocolError.InsufficientBalance);
        Assert.Empty(c.State.Pool.Value.Members);
        Assert.Equal(0, c.State.Delegators.Count);
    }
}
