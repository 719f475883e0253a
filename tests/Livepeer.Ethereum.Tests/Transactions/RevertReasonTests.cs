using Livepeer.Ethereum.Transactions;
using Livepeer.Protocol.Engine;
using Nethereum.ABI;
using Nethereum.Hex.HexConvertors.Extensions;

namespace Livepeer.Ethereum.Tests.Transactions;

public sealed class RevertReasonTests
{
    private static string ErrorString(string reason) => "0x08c379a0" + new ABIEncode().GetABIEncoded(new ABIValue("string", reason)).ToHex();

    [Theory]
    [InlineData("current round is not initialized", ProtocolError.RoundNotInitialized)]
    [InlineData("round already initialized", ProtocolError.RoundAlreadyInitialized)]
    [InlineData("caller has already called reward for the current round", ProtocolError.RewardAlreadyCalled)]
    [InlineData("ticket is used", ProtocolError.TicketUsed)]
    [InlineData("can't update transcoder params, current round is locked", ProtocolError.RoundLocked)]
    public void LivepeerReasonStringsMapToTheProtocolErrorThatMeansTheSame(string reason, ProtocolError expected)
    {
        var decoded = RevertReason.Decode(ErrorString(reason));

        Assert.Equal(reason, decoded.Text);
        Assert.Equal(expected, RevertReasons.ToProtocolError(decoded));
    }

    [Fact]
    public void PanicsCustomErrorsAndEmptyDataDecodeWithoutAProtocolError()
    {
        var panic = RevertReason.Decode("0x4e487b71" + new ABIEncode().GetABIEncoded(new ABIValue("uint256", 0x11)).ToHex());
        Assert.Equal("panic 0x11", panic.Text);
        Assert.Equal("reverted without a reason", RevertReason.Decode("0x").Text);
        Assert.Equal("custom error 0x12345678", RevertReason.Decode("0x12345678").Text);
        Assert.Null(RevertReasons.ToProtocolError(panic));
    }

    [Fact]
    public void OpenZeppelin5InsufficientBalanceMapsToInsufficientBalance()
    {
        var data = "0xe450d38c" + new ABIEncode().GetABIEncoded(new ABIValue("address", "0x00000000000000000000000000000000000000aa"),
            new ABIValue("uint256", 1), new ABIValue("uint256", 2)).ToHex();

        Assert.Equal(ProtocolError.InsufficientBalance, RevertReasons.ToProtocolError(RevertReason.Decode(data)));
    }
}
