using Livepeer.Core;
using Livepeer.Core.Crypto;
using Livepeer.Node.Payments;
using Microsoft.Extensions.Time.Testing;

namespace Livepeer.Node.Tests.Payments;

/// <summary>A payment credited once is never credited again: not after a crash, not after a restart; and what the receiver keeps is bounded.</summary>
public sealed class ReplayAcrossRestartTests : IDisposable
{
    private static readonly UInt256 OneEth = UInt256.Parse("1000000000000000000");
    private static readonly byte[] Secret = [.. Enumerable.Range(0, 32).Select(i => (byte)(i * 7))];
    private readonly PrivateKey _broadcaster = PrivateKey.Generate(new Random(31).NextBytes);
    private readonly PrivateKey _orchestrator = PrivateKey.Generate(new Random(32).NextBytes);
    private readonly FakeTicketChain _chain = new();
    // winProb 1/2: a payment of 8 tickets carries winners and losers, and both must be refused on replay.
    private readonly PaymentOptions _options = new() { RedemptionCost = 1_000, TxCostMultiplier = 2, TicketExpectedValue = 1_000 };
    private readonly string _dir = Directory.CreateTempSubdirectory("replay-").FullName;

    public ReplayAcrossRestartTests() => _chain.Fund(_broadcaster.Address, OneEth);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    // An orchestrator as OrchestratorNode builds one from its data directory: the same secret and tickets.db.
    private (SqliteRedemptionQueue Queue, PaymentReceiver Receiver, TicketParamsIssuer Issuer) Start(string dataDir)
    {
        var issuer = new TicketParamsIssuer(_orchestrator.Address, Secret, _options);
        var queue = new SqliteRedemptionQueue(Path.Combine(dataDir, "tickets.db"));
        return (queue, new PaymentReceiver(issuer, _chain, queue, _options), issuer);
    }

    [Fact]
    public async Task APaymentCreditedBeforeACrashIsRefusedAfterTheRestart()
    {
        var (queue, receiver, issuer) = Start(Path.Combine(_dir, "orch"));
        var p = issuer.Issue(_broadcaster.Address, _chain, OneEth);
        var sender = new PaymentSender(_broadcaster);
        var payment = sender.Pay(p, p.ExpectedValueAttowei * 8);
        var receipt = await receiver.ReceiveAsync(payment, "s1", CancellationToken.None);
        Assert.Equal(8, payment.Tickets.Count);
        Assert.InRange(receipt.WinningTickets, 1, 7); // seeded keys: some win, some lose

        // The crash: the process vanishes without closing the database; what is on disk (file and WAL) is all that is left.
        var crashed = Path.Combine(_dir, "after-crash");
        Directory.CreateDirectory(crashed);
        foreach (var file in new[] { "tickets.db", "tickets.db-wal" })
            File.Copy(Path.Combine(_dir, "orch", file), Path.Combine(crashed, file));
        var (restarted, receiverAfter, _) = Start(crashed);
        using (restarted)
        {
            Assert.Equal(receipt.WinningTickets, restarted.Pending().Count);
            var replay = await Assert.ThrowsAsync<PaymentException>(() => receiverAfter.ReceiveAsync(payment, "s1", CancellationToken.None));
            Assert.Equal(PaymentError.NonceReplayed, replay.Error);
            // One old nonce among new ones spoils the whole payment, and nothing of it is kept.
            sender.Answered();
            var fresh = sender.Pay(p, p.ExpectedValueAttowei * 2);
            var mixed = fresh with { Tickets = [fresh.Tickets[0], payment.Tickets[3]] };
            Assert.Equal(PaymentError.NonceReplayed, (await Assert.ThrowsAsync<PaymentException>(() => receiverAfter.ReceiveAsync(mixed, "s2", CancellationToken.None))).Error);
            Assert.Equal(0, receiverAfter.Balance("s1"));
            Assert.Equal(0, receiverAfter.Balance("s2"));
            Assert.Equal(receipt.WinningTickets, restarted.All().Count);
            // The honest broadcaster goes on with the next nonces of the same parameters.
            var next = await receiverAfter.ReceiveAsync(fresh, "s1", CancellationToken.None);
            Assert.Equal(p.ExpectedValueAttowei * 2, next.CreditedAttowei);
        }

        // And a plain restart on the same data directory refuses it too.
        queue.Dispose();
        var (reopened, receiverReopened, _) = Start(Path.Combine(_dir, "orch"));
        using (reopened)
        {
            Assert.Equal(PaymentError.NonceReplayed, (await Assert.ThrowsAsync<PaymentException>(() => receiverReopened.ReceiveAsync(payment, "s3", CancellationToken.None))).Error);
        }
    }

    [Fact]
    public async Task NoncesAreForgottenOnceTheirParametersExpire()
    {
        var (queue, receiver, issuer) = Start(Path.Combine(_dir, "orch"));
        using (queue)
        {
            var old = issuer.Issue(_broadcaster.Address, _chain, OneEth);
            var oldPayment = new PaymentSender(_broadcaster).Pay(old, old.ExpectedValueAttowei * 5);
            await receiver.ReceiveAsync(oldPayment, "s", CancellationToken.None);
            Assert.Equal(5, queue.RememberedNonces());

            _chain.BlockNumber = old.ExpirationBlock + 1;
            var current = issuer.Issue(_broadcaster.Address, _chain, OneEth);
            await receiver.ReceiveAsync(new PaymentSender(_broadcaster).Pay(current, current.ExpectedValueAttowei * 2), "s", CancellationToken.None);
            Assert.Equal(2, queue.RememberedNonces()); // the expired parameters' nonces are gone...
            // ...and their payment is still refused, for its expiry.
            Assert.Equal(PaymentError.ExpiredParams, (await Assert.ThrowsAsync<PaymentException>(() => receiver.ReceiveAsync(oldPayment, "s", CancellationToken.None))).Error);
        }
    }

    [Fact]
    public async Task BalancesOfIdleSessionsExpireAndTheirNumberIsBounded()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var options = new PaymentOptions { RedemptionCost = 1_000, TxCostMultiplier = 2, TicketExpectedValue = 1_000, BalanceIdleTimeout = TimeSpan.FromMinutes(1), MaxBalances = 3 };
        var issuer = new TicketParamsIssuer(_orchestrator.Address, Secret, options);
        var receiver = new PaymentReceiver(issuer, _chain, new ListQueue(), options, time);
        var p = issuer.Issue(_broadcaster.Address, _chain, OneEth);
        var sender = new PaymentSender(_broadcaster);
        for (var i = 0; i < 5; i++)
        {
            await receiver.ReceiveAsync(sender.Pay(p, p.ExpectedValueAttowei), $"s{i}", CancellationToken.None);
            sender.Answered();
            time.Advance(TimeSpan.FromSeconds(1));
        }
        Assert.Equal(3, receiver.Sessions); // the two longest idle made room
        Assert.Equal(0, receiver.Balance("s0"));
        Assert.Equal(p.ExpectedValueAttowei, receiver.Balance("s4"));

        time.Advance(TimeSpan.FromSeconds(50));
        receiver.Debit("s4", 1); // s4 is used again; s2 and s3 stay idle
        time.Advance(TimeSpan.FromSeconds(20));
        Assert.Equal(1, receiver.Sessions);
        Assert.Equal(p.ExpectedValueAttowei - 1, receiver.Balance("s4"));
    }
}
