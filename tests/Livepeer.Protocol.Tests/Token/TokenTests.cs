using Livepeer.Core;
using Livepeer.Protocol.Calls;
using Livepeer.Protocol.Engine;
using Livepeer.Protocol.Genesis;
using Livepeer.Protocol.Parameters;
using Livepeer.Protocol.State;
using Livepeer.Protocol.Tests.Support;

namespace Livepeer.Protocol.Tests.Token;

public class TokenTests
{
    private static readonly Address A = Addr.Of(1), B = Addr.Of(2), C = Addr.Of(3);

    private static TestChain Chain() => new(ProtocolParameters.Devnet, [(A, TestChain.Lpt(100))], [(A, TestChain.Lpt(5))]);

    [Fact]
    public void TransferMovesBalanceAndEmitsEvent()
    {
        var c = Chain();
        var events = c.Call(A, new TransferCall(B, TestChain.Lpt(30)));
        Assert.Equal(TestChain.Lpt(70), c.State.LptBalanceOf(A));
        Assert.Equal(TestChain.Lpt(30), c.State.LptBalanceOf(B));
        Assert.Equal(new Events.Transfer(A, B, TestChain.Lpt(30)), Assert.Single(events));
    }

    [Fact]
    public void TransferMoreThanBalanceFails() =>
        Chain().Fail(A, new TransferCall(B, TestChain.Lpt(101)), ProtocolError.InsufficientBalance);

    [Fact]
    public void TransferToZeroAddressFails() =>
        Chain().Fail(A, new TransferCall(Address.Zero, UInt256.One), ProtocolError.InvalidAddress);

    [Fact]
    public void TransferFromNeedsAllowanceAndSpendsIt()
    {
        var c = Chain();
        c.Fail(B, new TransferFromCall(A, C, UInt256.One), ProtocolError.InsufficientAllowance);
        c.Call(A, new ApproveCall(B, TestChain.Lpt(10)));
        Assert.Equal(TestChain.Lpt(10), c.State.Allowances.Get((A, B)));
        c.Call(B, new TransferFromCall(A, C, TestChain.Lpt(4)));
        Assert.Equal(TestChain.Lpt(6), c.State.Allowances.Get((A, B)));
        Assert.Equal(TestChain.Lpt(4), c.State.LptBalanceOf(C));
        c.Fail(B, new TransferFromCall(A, C, TestChain.Lpt(7)), ProtocolError.InsufficientAllowance);
    }

    [Fact]
    public void ApproveZeroSpenderFails() => Chain().Fail(A, new ApproveCall(Address.Zero, UInt256.One), ProtocolError.InvalidAddress);

    [Fact]
    public void EthSendAndShortfall()
    {
        var c = Chain();
        c.Call(A, new SendEthCall(B, TestChain.Lpt(2)));
        Assert.Equal(TestChain.Lpt(2), c.State.EthBalanceOf(B));
        c.Fail(B, new SendEthCall(C, TestChain.Lpt(3)), ProtocolError.InsufficientEth);
    }

    [Fact]
    public void ProtocolAccountsAndZeroCannotCall()
    {
        var c = Chain();
        c.Fail(ProtocolAccounts.Minter, new TransferCall(B, UInt256.Zero), ProtocolError.ProtocolAccountCaller);
        c.Fail(Address.Zero, new TransferCall(B, UInt256.Zero), ProtocolError.ProtocolAccountCaller);
    }

    [Fact]
    public void VestingKeepsUnvestedTokensFromMoving()
    {
        // 1200 LPT vesting from t0 = chain time at block 0, 100 s cliff, 1000 s duration; the holder also has 10 free LPT.
        var t0 = 1_700_000_000L;
        var c = new TestChain(ProtocolParameters.Devnet, [(A, TestChain.Lpt(10))], extra:
            [new GenesisAllocation("team", A, TestChain.Lpt(1200), t0, 100, 1000)]);
        // Block 0 (t0): locked 1200, free 10.
        c.Fail(A, new TransferCall(B, TestChain.Lpt(11)), ProtocolError.TokensLocked);
        c.Call(A, new TransferCall(B, TestChain.Lpt(10)));
        // Block 10 => t0 + 120 s: vested = 1200 * 120 / 1000 = 144 LPT.
        c.SetBlock(10);
        c.Call(A, new TransferCall(B, TestChain.Lpt(144)));
        c.Fail(A, new TransferCall(B, UInt256.One), ProtocolError.TokensLocked);
        // Past the end everything is free.
        c.SetBlock(100);
        c.Call(A, new TransferCall(B, TestChain.Lpt(1056)));
        Assert.Equal(UInt256.Zero, c.State.LptBalanceOf(A));
    }
}

public class ProtocolAccountTransferTests
{
    [Fact]
    public void PlainTransfersToProtocolAccountsAreRefused()
    {
        var a = Addr.Of(1);
        var c = new TestChain(ProtocolParameters.Devnet, [(a, TestChain.Lpt(10))], [(a, TestChain.Lpt(10))]);
        c.Fail(a, new TransferCall(ProtocolAccounts.Minter, UInt256.One), ProtocolError.InvalidAddress);
        c.Fail(a, new SendEthCall(ProtocolAccounts.Treasury, UInt256.One), ProtocolError.InvalidAddress);
        c.Call(a, new ApproveCall(Addr.Of(2), UInt256.One));
        c.Fail(Addr.Of(2), new TransferFromCall(a, ProtocolAccounts.Minter, UInt256.One), ProtocolError.InvalidAddress);
    }
}
