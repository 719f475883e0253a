using Livepeer.Cli.Ledger;
using Livepeer.Core;

namespace Livepeer.Cli.Tests.Ledger;

public sealed class CommandInputTests
{
    [Theory]
    [InlineData("10%", 100_000)]
    [InlineData("12.5%", 125_000)]
    [InlineData("0.0001%", 1)]
    [InlineData("100%", 1_000_000)]
    [InlineData("0%", 0)]
    [InlineData("500000", 500_000)]
    [InlineData("1000000", 1_000_000)]
    public void PercentagesAndPartsPerMillionAreAccepted(string text, long ppm)
    {
        Assert.Equal(ppm, CommandInput.Ppm(text, "--fee-share"));
        if (text.EndsWith('%')) Assert.Equal(text, CommandInput.Percent(ppm)); // shown back as written
    }

    [Theory]
    [InlineData("101%")]
    [InlineData("1000001")]
    [InlineData("-5")]
    [InlineData("-5%")]
    [InlineData("0.00001%")]
    [InlineData("ten")]
    [InlineData("")]
    public void OtherFractionsAreUsageErrorsNamingTheOption(string text)
    {
        var e = Assert.Throws<CliException>(() => CommandInput.Ppm(text, "--fee-share"));
        Assert.Equal(CliException.Usage, e.ExitCode);
        Assert.StartsWith("--fee-share", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AmountsAreInWholeTokensUnlessAUnitSaysOtherwise()
    {
        Assert.Equal(TokenAmount.Lpt(3).Wei, CommandInput.Amount("3", Token.Lpt, "amount"));
        Assert.Equal(new UInt256(1500), CommandInput.Amount("1500 wei", Token.Eth, "amount"));
        Assert.Equal(TokenAmount.Eth(1).Wei / new UInt256(100), CommandInput.Amount("0.01 ETH", Token.Eth, "amount"));
        Assert.Equal(CliException.Usage, Assert.Throws<CliException>(() => CommandInput.Amount("1 LPT", Token.Eth, "amount")).ExitCode);
    }
}
