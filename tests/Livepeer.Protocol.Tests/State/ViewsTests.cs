using Livepeer.Core;
using Livepeer.Protocol.Calls;
using Livepeer.Protocol.Genesis;
using Livepeer.Protocol.Governance;
using Livepeer.Protocol.Parameters;
using Livepeer.Protocol.Tests.Support;
using Livepeer.Protocol.Views;

namespace Livepeer.Protocol.Tests.State;

public class ViewsTests
{
    private static readonly Address O = Addr.Of(1), B = Addr.Of(20);

    [Fact]
    public void ViewsReportSenderMinterBalanceProposalsAndParameters()
    {
        var c = new TestChain(ProtocolParameters.Devnet with { InitialInflation = 10_000_000, InflationChange = 0 }, [(O, TestChain.Lpt(1000))], [(B, TestChain.Lpt(5))],
            extra: [new GenesisAllocation("v", B, TestChain.Lpt(100), 1_700_000_000, 0, 1200)]);
        c.StartRound(1);
        c.Call(O, new BondCall(TestChain.Lpt(500), O));
        c.Call(B, new FundDepositAndReserveCall(TestChain.Lpt(2), TestChain.Lpt(1)));
        c.Call(B, new UnlockCall());
        var sender = ProtocolViews.GetSenderInfo(c.State, B, c.Block);
        Assert.Equal(new SenderInfoView(B, TestChain.Lpt(2), 3, TestChain.Lpt(1), UInt256.Zero, true), sender);
        c.StartRound(2);
        c.Call(O, new RewardCall());
        var m = ProtocolViews.GetMinterInfo(c.State);
        Assert.Equal(10_000_000, m.Inflation);
        // mintable = 1100 LPT supply * 1% = 11 LPT; O holds all active stake so mints all of it.
        Assert.Equal(TestChain.Lpt(11), m.CurrentMintableTokens);
        Assert.Equal(TestChain.Lpt(11), m.CurrentMintedTokens);
        Assert.Equal(TestChain.Lpt(11) / (UInt256)10UL, m.TreasuryBalance);
        // Block 20 = t0 + 240 s of a 1200 s vesting: 80 of 100 LPT still locked.
        var balance = ProtocolViews.GetBalance(c.State, B, c.Timestamp);
        Assert.Equal(TestChain.Lpt(80), balance.LockedLpt);
        Assert.Equal(TestChain.Lpt(2), balance.Eth); // 5 ETH minus 3 funded
        c.Call(O, new ProposeCall([new ParameterChange(ParameterName.VotingPeriod, (UInt256)5UL)], "p"));
        var proposals = ProtocolViews.GetProposals(c.State, c.Block);
        Assert.Equal(ProposalStatus.Pending, Assert.Single(proposals).Status);
        Assert.Null(ProtocolViews.GetProposal(c.State, 99, c.Block));
        Assert.Equal(20, ProtocolViews.GetParameters(c.State).RoundLength);
        Assert.Equal(TestChain.Lpt(1) / (UInt256)1UL, ProtocolViews.GetClaimableReserve(c.State, B, O, c.Block));
    }
}
