using Livepeer.Core;
using Livepeer.Protocol.Calls;
using Livepeer.Protocol.Parameters;
using Livepeer.Protocol.Tests.Support;

namespace Livepeer.Protocol.Tests.Minting;

public class MinterTests
{
    private static readonly Address O = Addr.Of(1), Holder = Addr.Of(2);

    [Fact]
    public void InflationMovesTowardTargetAndSetsMintable()
    {
        // Supply 10,000 LPT; nothing bonded: bondingRate 0 < 50% => inflation 220500 + 500 = 221000 ppb.
        var c = new TestChain(ProtocolParameters.Devnet, [(O, TestChain.Lpt(6000)), (Holder, TestChain.Lpt(4000))]);
        c.StartRound(1);
        var m = c.State.Minter.Value;
        Assert.Equal(221_000, m.Inflation);
        // mintable = 10,000e18 * 221000 / 1e9 = 2.21 LPT = 2_210_000_000_000_000_000 wei.
        Assert.Equal(UInt256.Parse("2210000000000000000"), m.CurrentMintableTokens);

        // Bond 6000 (60% > 50%): next round inflation goes down by 500.
        c.Call(O, new BondCall(TestChain.Lpt(6000), O));
        c.NextRound();
        Assert.Equal(220_500, c.State.Minter.Value.Inflation);
        Assert.Equal(6000L * 1_000_000_000 / 10_000, Protocol.Minting.Minter.BondingRate(c.State));
    }

    [Fact]
    public void InflationFloorsAtZero()
    {
        var p = ProtocolParameters.Devnet with { InitialInflation = 300, InflationChange = 500, TargetBondingRate = 0 };
        var c = new TestChain(p, [(O, TestChain.Lpt(10))]);
        c.StartRound(1);
        c.Call(O, new BondCall(TestChain.Lpt(1), O));
        c.NextRound();
        // rate 10% > 0% target: 300 - 500 floors at 0.
        Assert.Equal(0, c.State.Minter.Value.Inflation);
        Assert.Equal(UInt256.Zero, c.State.Minter.Value.CurrentMintableTokens);
    }

    [Fact]
    public void TreasuryCutStopsAtTheCeilingFromTheRoundAfterRewardDetectsIt()
    {
        // Ceiling 1 wei. Round 2's reward fills the treasury; round 3's reward detects the ceiling, still pays the cut
        // (the round's rate is fixed) and sets the next round's rate to 0; round 4's reward pays no cut.
        var p = ProtocolParameters.Devnet with { TreasuryBalanceCeiling = UInt256.One };
        var c = new TestChain(p, [(O, TestChain.Lpt(1000))]);
        var treasury = Protocol.State.ProtocolAccounts.Treasury;
        c.StartRound(1);
        c.Call(O, new BondCall(TestChain.Lpt(1000), O));
        c.NextRound();
        c.Call(O, new RewardCall());
        var afterRound2 = c.State.LptBalanceOf(treasury);
        Assert.True(afterRound2 > UInt256.Zero);
        Assert.Equal(PreciseFactor.PercPoints(1, 10), c.State.Parameters.Value.TreasuryRewardCutRate);
        c.NextRound();
        var events = c.Call(O, new RewardCall());
        Assert.True(c.State.LptBalanceOf(treasury) > afterRound2);
        Assert.Contains(events, e => e is Events.TreasuryReward);
        Assert.Equal(UInt256.Zero, c.State.Parameters.Value.TreasuryRewardCutRate);
        Assert.Equal(PreciseFactor.PercPoints(1, 10), c.State.Totals.Value.TreasuryRewardCutRate);
        Assert.Contains(events, e => e is Events.ParameterUpdated { Parameter: "TreasuryRewardCutRate" });
        var afterRound3 = c.State.LptBalanceOf(treasury);
        c.NextRound();
        Assert.Equal(UInt256.Zero, c.State.Totals.Value.TreasuryRewardCutRate);
        events = c.Call(O, new RewardCall());
        Assert.DoesNotContain(events, e => e is Events.TreasuryReward);
        Assert.Equal(afterRound3, c.State.LptBalanceOf(treasury));
    }
}
