using BenchmarkDotNet.Attributes;
using Livepeer.Core;
using Livepeer.Core.Crypto;
using Livepeer.Node.Payments;
using Livepeer.Protocol.Views;

namespace Livepeer.Node.Bench.Payments;

/// <summary>
/// Ticket validation on one core: PaymentReceiver.ReceiveAsync over pre-signed payments (recipientRand, sender funds,
/// one signature recovery per ticket, nonces, win check). Reported per ticket.
/// </summary>
[MemoryDiagnoser]
public class TicketValidationBenchmarks
{
    private const int Tickets = 1024;
    private TicketParamsIssuer _issuer = null!;
    private FixedChain _chain = null!;
    private readonly PaymentOptions _options = new();
    private TicketPayment[] _payments = null!;

    /// <summary>Tickets per payment (1: one segment's worth; 16: a catch-up payment).</summary>
    [Params(1, 16)]
    public int PerPayment { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(11);
        var orchestrator = PrivateKey.Generate(random.NextBytes);
        var broadcaster = PrivateKey.Generate(random.NextBytes);
        _chain = new FixedChain();
        _issuer = new TicketParamsIssuer(orchestrator.Address, new byte[32], _options);
        var parameters = _issuer.Issue(broadcaster.Address, _chain, (UInt256)1_000_000_000_000_000_000UL);
        var sender = new PaymentSender(broadcaster);
        _payments = Enumerable.Range(0, Tickets / PerPayment).Select(_ => sender.Pay(parameters, parameters.ExpectedValueAttowei * PerPayment)).ToArray();
    }

    /// <summary>The floor: only the one signature recovery per ticket that validation cannot avoid.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Tickets)]
    public int RecoverOnly()
    {
        var matches = 0;
        foreach (var payment in _payments)
            foreach (var t in payment.Tickets)
                if (Signature.FromBytes(t.Signature).Recover(payment.TicketFor(t).SigningDigest()) == payment.Sender) matches++;
        return matches;
    }

    /// <summary>Validates all pre-made tickets with a fresh receiver (fresh nonce memory).</summary>
    [Benchmark(OperationsPerInvoke = Tickets)]
    public async Task<int> Validate()
    {
        var receiver = new PaymentReceiver(_issuer, _chain, new NullQueue(), _options);
        var won = 0;
        foreach (var payment in _payments) won += (await receiver.ReceiveAsync(payment, "bench", CancellationToken.None)).WinningTickets;
        return won;
    }

    private sealed class FixedChain : ITicketChainState
    {
        public long BlockNumber => 100;
        public RoundInfoView Round { get; } = new(5, 80, true, false, 5, 20, Hash.Parse("0x" + new string('5', 64)), 0, 0);
        public long TicketValidityPeriod => 2;
        public ValueTask<SenderInfoView> SenderInfoAsync(Address sender, CancellationToken ct) =>
            ValueTask.FromResult(new SenderInfoView(sender, (UInt256)10_000_000_000_000_000_000UL, 0, 0, 0, false));
        public ValueTask<UInt256> ClaimableReserveAsync(Address sender, Address recipient, CancellationToken ct) => ValueTask.FromResult(UInt256.Zero);
    }

    private sealed class NullQueue : IRedemptionQueue
    {
        public ValueTask<UInt256?> CreditAsync(CreditedTickets tickets, CancellationToken ct) => ValueTask.FromResult<UInt256?>(null);
        public void ForgetExpired(long blockNumber) { }
    }
}
