using System.Numerics;
using Livepeer.Core;
using Livepeer.Core.Crypto;
using Livepeer.Node.Payments;

namespace Livepeer.Node.Tests.Payments;

public class PaymentFlowTests
{
    private static readonly UInt256 OneEth = UInt256.Parse("1000000000000000000");
    private readonly PrivateKey _broadcaster = PrivateKey.Generate(new Random(1).NextBytes);
    private readonly PrivateKey _orchestrator = PrivateKey.Generate(new Random(2).NextBytes);
    private readonly FakeTicketChain _chain = new();
    private readonly ListQueue _queue = new();
    private readonly PaymentOptions _options = new() { RedemptionCost = 1_000_000, TxCostMultiplier = 100, TicketExpectedValue = 1_000 };
    private readonly TicketParamsIssuer _issuer;
    private readonly PaymentReceiver _receiver;

    public PaymentFlowTests()
    {
        _issuer = new TicketParamsIssuer(_orchestrator.Address, new byte[32].Select((_, i) => (byte)i).ToArray(), _options);
        _receiver = new PaymentReceiver(_issuer, _chain, _queue, _options);
        _chain.Fund(_broadcaster.Address, OneEth);
    }

    private TicketParams Params() => _issuer.Issue(_broadcaster.Address, _chain, OneEth);
    private static BigInteger Wei(long wei) => wei * Attowei.PerWei;

    [Fact]
    public void ParamsPriceTicketsFromTheRedemptionCost()
    {
        var p = Params();
        Assert.Equal((UInt256)100_000_000UL, p.FaceValue);                      // 1,000,000 wei x 100
        Assert.Equal(Wei(1_000), p.ExpectedValueAttowei, new WithinAttowei(Attowei.PerWei)); // EV 1000 wei, rounding below 1 wei
        Assert.Equal(_chain.BlockNumber + _options.ParamsValidityBlocks, p.ExpirationBlock);
        Assert.Equal(5, p.CreationRound);
        // The face value never exceeds what the sender can cover.
        Assert.Equal((UInt256)5_000UL, _issuer.Issue(_broadcaster.Address, _chain, 5_000).FaceValue);
        Assert.Throws<PaymentException>(() => _issuer.Issue(_broadcaster.Address, _chain, UInt256.Zero));
    }

    [Fact]
    public async Task AnHonestSenderPaysExactlyEnoughTicketsAndTheReceiverCreditsThem()
    {
        var p = Params();
        var sender = new PaymentSender(_broadcaster);
        // fee 2.5 EV -> 3 tickets, balance +0.5 EV
        var fee1 = p.ExpectedValueAttowei * 5 / 2;
        var pay1 = sender.Pay(p, fee1);
        Assert.Equal(3, pay1.Tickets.Count);
        var receipt = await _receiver.ReceiveAsync(pay1, "s1", CancellationToken.None);
        Assert.Equal(p.ExpectedValueAttowei * 3, receipt.CreditedAttowei);
        _receiver.RequireCredit("s1");
        _receiver.Debit("s1", fee1);
        sender.Answered();
        // fee 0.4 EV with 0.5 EV left: one ticket more, so the orchestrator holds at least one EV of credit (go-livepeer's rule)
        var pay2 = sender.Pay(p, p.ExpectedValueAttowei * 2 / 5);
        Assert.Single(pay2.Tickets);
        Assert.Equal(p.ExpectedValueAttowei, (await _receiver.ReceiveAsync(pay2, "s1", CancellationToken.None)).CreditedAttowei);
        _receiver.RequireCredit("s1", p.ExpectedValueAttowei);
        _receiver.Debit("s1", p.ExpectedValueAttowei * 2 / 5);
        sender.Answered();
        Assert.Equal(sender.BalanceAttowei, _receiver.Balance("s1"));
        // 1.1 EV left covers a fee of 0.1 EV and keeps one EV: no tickets
        Assert.Empty(sender.Pay(p, p.ExpectedValueAttowei / 10).Tickets);
        sender.Answered();
        // nonces continue across payments with the same parameters
        var pay3 = sender.Pay(p, p.ExpectedValueAttowei * 2);
        Assert.Equal((UInt256)4UL, pay3.Tickets[0].SenderNonce);
        await _receiver.ReceiveAsync(pay3, "s1", CancellationToken.None);
    }

    [Fact]
    public async Task APaymentRefusedForExpiredParametersIsSentAgainInFullWithFreshOnes()
    {
        var sender = new PaymentSender(_broadcaster);
        var stale = Params();
        var fee = stale.ExpectedValueAttowei * 3 / 2;
        var refused = sender.Pay(stale, fee);
        _chain.Round = _chain.Round with { CurrentRound = stale.CreationRound + 2 }; // past the validity period: refused whole
        var error = await Assert.ThrowsAsync<PaymentException>(() => _receiver.ReceiveAsync(refused, "s3", CancellationToken.None));
        Assert.Equal(PaymentError.ExpiredParams, error.Error);
        sender.Revert(refused, fee);
        sender.Answered();
        // The retry with fresh parameters carries as many tickets as the refused payment did, and covers the segment.
        var retry = sender.Pay(Params(), fee);
        Assert.Equal(refused.Tickets.Count, retry.Tickets.Count);
        await _receiver.ReceiveAsync(retry, "s3", CancellationToken.None);
        _receiver.RequireCredit("s3");
    }

    [Fact]
    public async Task ConcurrentSegmentsEachCarryATicketSoEitherMayArriveFirst()
    {
        var p = Params();
        var sender = new PaymentSender(_broadcaster);
        var fee = p.ExpectedValueAttowei / 10;
        var first = sender.Pay(p, fee);
        var second = sender.Pay(p, fee); // the balance would cover it, but the first payment is not at the orchestrator yet
        Assert.Single(first.Tickets);
        Assert.Single(second.Tickets);
        // The second request overtakes the first: it still has credit of its own.
        await _receiver.ReceiveAsync(second, "s2", CancellationToken.None);
        _receiver.RequireCredit("s2");
        _receiver.Debit("s2", fee);
        sender.Answered();
        await _receiver.ReceiveAsync(first, "s2", CancellationToken.None);
        _receiver.RequireCredit("s2");
        _receiver.Debit("s2", fee);
        sender.Answered();
        // Nothing in flight: the credit left pays the next segment without a ticket, and nothing was lost on either side.
        Assert.Empty(sender.Pay(p, fee).Tickets);
        Assert.Equal(sender.BalanceAttowei + fee, _receiver.Balance("s2"));
    }

    [Fact]
    public async Task WinningTicketsAreQueuedWithTheirRecipientRand()
    {
        // EV >= face value makes winProb the maximum: every ticket wins.
        var issuer = new TicketParamsIssuer(_orchestrator.Address, new byte[32], new PaymentOptions { RedemptionCost = 10, TxCostMultiplier = 1, TicketExpectedValue = 10 });
        var receiver = new PaymentReceiver(issuer, _chain, _queue, _options);
        var always = issuer.Issue(_broadcaster.Address, _chain, OneEth);
        Assert.Equal(TicketParams.MaxWinProb, always.WinProb.Value);
        var pay = new PaymentSender(_broadcaster).Pay(always, always.ExpectedValueAttowei * 4);
        var receipt = await receiver.ReceiveAsync(pay, "s", CancellationToken.None);
        Assert.Equal(4, receipt.WinningTickets);
        Assert.Equal(4, _queue.Tickets.Count);
        Assert.All(_queue.Tickets, w => Assert.Equal(w.Ticket.RecipientRandHash, Livepeer.Protocol.TicketBroker.Ticket.RecipientRandHashOf(w.RecipientRand)));
    }

    [Fact]
    public async Task TheWinRateFollowsTheWinProbability()
    {
        // winProb = EV / faceValue = 1000 / 10,000 = 10%; 3,000 tickets -> 300 expected, 5 sigma ~ 82.
        var issuer = new TicketParamsIssuer(_orchestrator.Address, new byte[32], new PaymentOptions { RedemptionCost = 100, TxCostMultiplier = 100, TicketExpectedValue = 1_000 });
        var queue = new ListQueue();
        var receiver = new PaymentReceiver(issuer, _chain, queue, _options);
        var p = issuer.Issue(_broadcaster.Address, _chain, OneEth);
        var pay = new PaymentSender(_broadcaster).Pay(p, p.ExpectedValueAttowei * 3_000);
        await receiver.ReceiveAsync(pay, "s", CancellationToken.None);
        Assert.InRange(queue.Tickets.Count, 218, 382);
    }

    public static TheoryData<string, PaymentError> Attacks() => new()
    {
        { "replayed nonce", PaymentError.NonceReplayed },
        { "duplicate nonce in one payment", PaymentError.NonceReplayed },
        { "bad signature", PaymentError.InvalidSignature },
        { "signed by another key", PaymentError.InvalidSignature },
        { "wrong recipient", PaymentError.WrongRecipient },
        { "forged face value", PaymentError.ParamsNotIssued },
        { "expired block", PaymentError.ExpiredParams },
        { "expired round", PaymentError.ExpiredParams },
        { "wrong round hash", PaymentError.WrongCreationRound },
        { "unfunded sender", PaymentError.SenderUnfunded },
        { "unlocking sender", PaymentError.SenderUnlocking },
        { "face value above float", PaymentError.FaceValueTooHigh },
        { "zero sender", PaymentError.InvalidSender },
    };

    [Theory]
    [MemberData(nameof(Attacks))]
    public async Task AttacksAreRefusedWithTheirReasonAndNoCredit(string attack, PaymentError expected)
    {
        var p = Params();
        var pay = new PaymentSender(_broadcaster).Pay(p, p.ExpectedValueAttowei * 2);
        switch (attack)
        {
            case "replayed nonce": await _receiver.ReceiveAsync(pay, "s", CancellationToken.None); break;
            case "duplicate nonce in one payment": pay = pay with { Tickets = [pay.Tickets[0], pay.Tickets[0]] }; break;
            case "bad signature":
                var sig = pay.Tickets[0].Signature.ToArray();
                sig[10] ^= 0xFF;
                pay = pay with { Tickets = [pay.Tickets[0] with { Signature = sig }, pay.Tickets[1]] };
                break;
            case "signed by another key": pay = new PaymentSender(PrivateKey.Generate(new Random(9).NextBytes)).Pay(p, p.ExpectedValueAttowei) with { Sender = _broadcaster.Address }; break;
            case "wrong recipient": pay = pay with { Params = p with { Recipient = _broadcaster.Address } }; break;
            case "forged face value": pay = new PaymentSender(_broadcaster).Pay(p with { FaceValue = p.FaceValue * 10 }, p.ExpectedValueAttowei); break;
            case "expired block": _chain.BlockNumber = p.ExpirationBlock + 1; break;
            case "expired round": _chain.Round = _chain.Round with { CurrentRound = p.CreationRound + 2 }; break;
            case "wrong round hash": pay = new PaymentSender(_broadcaster).Pay(IssueWithHash(Hash.Parse("0x" + new string('6', 64))), p.ExpectedValueAttowei); break;
            case "unfunded sender": _chain.Fund(_broadcaster.Address, 0); break;
            case "unlocking sender": _chain.Fund(_broadcaster.Address, OneEth, withdrawRound: 7); break;
            case "face value above float": _chain.Fund(_broadcaster.Address, 1_000); break;
            case "zero sender": pay = pay with { Sender = Address.Zero }; break;
        }
        var before = _receiver.Balance("s");
        var queued = _queue.Tickets.Count;
        var e = await Assert.ThrowsAsync<PaymentException>(() => _receiver.ReceiveAsync(pay, "s", CancellationToken.None));
        Assert.Equal(expected, e.Error);
        Assert.Equal(before, _receiver.Balance("s"));
        Assert.Equal(queued, _queue.Tickets.Count);
    }

    private TicketParams IssueWithHash(Hash roundHash)
    {
        var saved = _chain.Round;
        _chain.Round = saved with { CurrentRoundBlockHash = roundHash };
        var p = _issuer.Issue(_broadcaster.Address, _chain, OneEth);
        _chain.Round = saved;
        return p;
    }

    [Fact]
    public void WithoutCreditTheReceiverAsksForTickets()
    {
        var e = Assert.Throws<PaymentException>(() => _receiver.RequireCredit("nobody"));
        Assert.Equal(PaymentError.InsufficientBalance, e.Error);
    }

    private sealed class WithinAttowei(BigInteger tolerance) : IEqualityComparer<BigInteger>
    {
        public bool Equals(BigInteger x, BigInteger y) => BigInteger.Abs(x - y) <= tolerance;
        public int GetHashCode(BigInteger obj) => 0;
    }
}
