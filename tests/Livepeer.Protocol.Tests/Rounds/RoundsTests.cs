using Livepeer.Protocol.Calls;
using Livepeer.Protocol.Engine;
using Livepeer.Protocol.Events;
using Livepeer.Protocol.Parameters;
using Livepeer.Protocol.Rounds;
using Livepeer.Protocol.Tests.Support;

namespace Livepeer.Protocol.Tests.Rounds;

public class RoundsTests
{
    private static TestChain Chain() => new(ProtocolParameters.Devnet, [(Addr.Of(1), TestChain.Lpt(1000))]);

    [Fact]
    public void RoundFollowsBlockNumber()
    {
        var c = Chain();
        // roundLength 20, round 1 starts at block 0.
        Assert.Equal(1, RoundsManager.RoundOf(c.State, 0));
        Assert.Equal(1, RoundsManager.RoundOf(c.State, 19));
        Assert.Equal(2, RoundsManager.RoundOf(c.State, 20));
        Assert.Equal(6, RoundsManager.RoundOf(c.State, 105));
        Assert.Equal(100, RoundsManager.StartBlockOf(c.State, 6));
    }

    [Fact]
    public void LockIsTheLastTenthOfTheRound()
    {
        var c = Chain();
        // 20 * 100000 / 1e6 = 2 blocks locked: 18 and 19.
        Assert.False(RoundsManager.IsLocked(c.State, 17));
        Assert.True(RoundsManager.IsLocked(c.State, 18));
        Assert.True(RoundsManager.IsLocked(c.State, 19));
        Assert.False(RoundsManager.IsLocked(c.State, 20));
    }

    [Fact]
    public void InitializeRoundOncePerRoundStoresParentHash()
    {
        var c = Chain();
        c.SetBlock(45);
        var events = c.Call(Addr.Of(5), new InitializeRoundCall());
        Assert.Equal(3, c.State.Rounds.Value.LastInitializedRound);
        Assert.Equal(TestChain.BlockHash(44), c.State.RoundBlockHashes.Get(3));
        Assert.Contains(new NewRound(3, TestChain.BlockHash(44)), events);
        c.Fail(Addr.Of(6), new InitializeRoundCall(), ProtocolError.RoundAlreadyInitialized);
    }

    [Fact]
    public void StakingRequiresAnInitializedRound() =>
        Chain().Fail(Addr.Of(1), new BondCall(TestChain.Lpt(1), Addr.Of(1)), ProtocolError.RoundNotInitialized);

    [Fact]
    public void BlockBeforeStartIsRefused()
    {
        var c = new TestChain(ProtocolParameters.Devnet, []);
        var s = Protocol.Genesis.GenesisBuilder.Build(new Protocol.Genesis.GenesisSpec { Parameters = ProtocolParameters.Devnet, StartBlock = 100 });
        var r = c.Engine.Apply(s, new BlockContext(5, default, default, 0), Addr.Of(1), new InitializeRoundCall());
        Assert.Equal(ProtocolError.BlockBeforeStart, r.Error);
    }
}

public class BeginBlockTests
{
    [Fact]
    public void BeginBlockInitializesEachNewRoundOnce()
    {
        var c = new TestChain(ProtocolParameters.Devnet, [(Addr.Of(1), TestChain.Lpt(10))]);
        c.SetBlock(21);
        var first = c.Engine.BeginBlock(c.State, c.Context);
        Assert.Contains(first.Events, e => e is NewRound { Round: 2 });
        var hash = c.State.ComputeStateHash();
        Assert.Empty(c.Engine.BeginBlock(c.State, c.Context).Events);
        Assert.Equal(hash, c.State.ComputeStateHash());
    }
}

public class DryRunTests
{
    [Fact]
    public void DryRunReportsTheOutcomeAndChangesNothing()
    {
        var a = Addr.Of(1);
        var c = new TestChain(ProtocolParameters.Devnet, [(a, TestChain.Lpt(10))]);
        var hash = c.State.ComputeStateHash();
        var ok = c.Engine.DryRun(c.State, c.Context, a, new TransferCall(Addr.Of(2), TestChain.Lpt(1)));
        Assert.True(ok.Succeeded);
        Assert.Single(ok.Events);
        var bad = c.Engine.DryRun(c.State, c.Context, a, new TransferCall(Addr.Of(2), TestChain.Lpt(11)));
        Assert.Equal(ProtocolError.InsufficientBalance, bad.Error);
        Assert.Equal(hash, c.State.ComputeStateHash());
    }
}
