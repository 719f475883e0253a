using Livepeer.Core;
using Livepeer.Protocol.Calls;
using Livepeer.Protocol.Governance;
using Livepeer.Protocol.Parameters;
using Livepeer.Protocol.State;
using Livepeer.Protocol.Tests.Support;

namespace Livepeer.Protocol.Tests.State;

public class StateCodecTests
{
    private static readonly Address O1 = Addr.Of(1), D1 = Addr.Of(11), B = Addr.Of(20);

    private static TestChain Busy()
    {
        var c = new TestChain(ProtocolParameters.Devnet, [(O1, TestChain.Lpt(1000)), (D1, TestChain.Lpt(1000))], [(B, TestChain.Lpt(10))],
            verifiers: [Addr.Of(50)], verifierThreshold: 1);
        c.StartRound(1);
        c.Call(O1, new BondCall(TestChain.Lpt(500), O1));
        c.Call(D1, new BondCall(TestChain.Lpt(100), O1));
        c.Call(D1, new ApproveCall(B, TestChain.Lpt(3)));
        c.Call(B, new FundDepositAndReserveCall(TestChain.Lpt(2), TestChain.Lpt(1)));
        c.Call(O1, new SetServiceUriCall("https://127.0.0.1:8936"));
        c.StartRound(2);
        c.Call(O1, new RewardCall());
        c.Call(D1, new UnbondCall(TestChain.Lpt(10)));
        c.Call(O1, new ProposeCall([new ParameterChange(ParameterName.VotingPeriod, (UInt256)4UL), new TreasurySpend(D1, UInt256.One)], "round trip"));
        c.StartRound(4);
        c.Call(D1, new VoteCall(1, VoteSupport.For));
        return c;
    }

    [Fact]
    public void RoundTripGivesIdenticalBytesAndHash()
    {
        var c = Busy();
        var bytes = c.State.Serialize();
        var copy = Protocol.State.ProtocolState.Deserialize(bytes);
        Assert.Equal(bytes, copy.Serialize());
        Assert.Equal(c.State.ComputeStateHash(), copy.ComputeStateHash());
        Assert.Equal(c.State.Proposals.Get(1), copy.Proposals.Get(1));
        Assert.Equal(c.State.Pool.Value, copy.Pool.Value);
    }

    [Fact]
    public void AnyChangeChangesTheHash()
    {
        var c = Busy();
        var before = c.State.ComputeStateHash();
        c.Call(D1, new TransferCall(B, UInt256.One));
        Assert.NotEqual(before, c.State.ComputeStateHash());
    }

    [Fact]
    public void TruncatedOrForeignBytesAreRejected()
    {
        var bytes = Busy().State.Serialize();
        Assert.Throws<FormatException>(() => Protocol.State.ProtocolState.Deserialize(bytes.AsSpan(0, bytes.Length - 1)));
        Assert.Throws<FormatException>(() => Protocol.State.ProtocolState.Deserialize(new byte[16]));
        Assert.Throws<FormatException>(() => Protocol.State.ProtocolState.Deserialize([.. bytes, 0]));
    }

    [Fact]
    public void HashDoesNotDependOnTheOrderEntriesWereCreated()
    {
        TestChain Make(bool bFirst)
        {
            var c = new TestChain(ProtocolParameters.Devnet, [(O1, TestChain.Lpt(10))]);
            var (x, y) = bFirst ? (Addr.Of(5), Addr.Of(6)) : (Addr.Of(6), Addr.Of(5));
            c.Call(O1, new TransferCall(x, TestChain.Lpt(1)));
            c.Call(O1, new TransferCall(y, TestChain.Lpt(1)));
            return c;
        }
        Assert.Equal(Make(true).State.ComputeStateHash(), Make(false).State.ComputeStateHash());
    }

    [Fact]
    public void ReplayingTheSameCallsGivesTheSameHash() =>
        Assert.Equal(Busy().State.ComputeStateHash(), Busy().State.ComputeStateHash());
}
