using Livepeer.Core.Crypto;
using Livepeer.Node.Payments;

namespace Livepeer.Node.Tests.Payments;

/// <summary>Tickets are never created in a round that has no block hash yet: the ledger would refuse every winner.</summary>
public sealed class UninitializedRoundTests
{
    [Fact]
    public void NoTicketParametersAreIssuedBeforeTheRoundIsInitialized()
    {
        var chain = new FakeTicketChain();
        chain.Round = chain.Round with { Initialized = false, CurrentRoundBlockHash = default };
        var issuer = new TicketParamsIssuer(PrivateKey.Generate(new Random(5).NextBytes).Address, new byte[32], new PaymentOptions());
        var e = Assert.Throws<PaymentException>(() => issuer.Issue(PrivateKey.Generate(new Random(6).NextBytes).Address, chain, 1_000_000_000_000_000_000UL));
        Assert.Equal(PaymentError.WrongCreationRound, e.Error);

        chain.Round = chain.Round with { Initialized = true, CurrentRoundBlockHash = Core.Hash.Parse("0x" + new string('7', 64)) };
        var p = issuer.Issue(PrivateKey.Generate(new Random(6).NextBytes).Address, chain, 1_000_000_000_000_000_000UL);
        Assert.Equal(chain.Round.CurrentRound, p.CreationRound);
        Assert.Equal(chain.Round.CurrentRoundBlockHash, p.CreationRoundBlockHash);
    }
}
