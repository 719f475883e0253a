using Livepeer.Chain.Client;
using Livepeer.Protocol.Engine;

namespace Livepeer.Chain.Tests.Client;

/// <summary>Refusals cross from the ledger's wire into typed values the nodes match on.</summary>
public sealed class ChainRefusalTests
{
    [Fact]
    public void EveryProtocolErrorNameBecomesItsError()
    {
        foreach (var error in Enum.GetValues<ProtocolError>())
        {
            var e = new ChainTransactionException(error.ToString(), "m");
            Assert.Equal(error, e.Error);
            Assert.Equal(ChainRefusal.Protocol, e.Refusal);
            Assert.Equal(error.ToString(), e.Reason);
        }
    }

    [Fact]
    public void EveryLedgerRefusalNameBecomesItsRefusal()
    {
        foreach (var refusal in Enum.GetValues<ChainRefusal>().Where(r => r != ChainRefusal.Protocol))
        {
            var e = new ChainTransactionException(refusal.ToString(), "m");
            Assert.Null(e.Error);
            Assert.Equal(refusal, e.Refusal);
        }
    }

    [Theory]
    [InlineData("SomethingNew")]
    [InlineData("7")]
    [InlineData("Protocol")]
    [InlineData("")]
    public void AnUnknownNameIsARefusalWithoutAProtocolError(string reason)
    {
        var e = new ChainTransactionException(reason, "m");
        Assert.Null(e.Error);
        Assert.Equal(ChainRefusal.Refused, e.Refusal);
        Assert.Equal(reason, e.Reason);
    }
}
