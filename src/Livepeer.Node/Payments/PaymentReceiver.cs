using System.Numerics;
using Livepeer.Core;
using Livepeer.Core.Crypto;
using Livepeer.Protocol.TicketBroker;

namespace Livepeer.Node.Payments;

/// <summary>What an accepted payment did: the credit it added (attowei), how many tickets won, and the session's balance.</summary>
public sealed record PaymentReceipt(BigInteger CreditedAttowei, int WinningTickets, BigInteger BalanceAttowei);

/// <summary>
/// The orchestrator's side of payments. A payment is checked whole before anything changes: recipient, sender,
/// parameters issued by us, expiry, creation round, sender funds and unlock state, face value against the sender's
/// float, every ticket's signature and nonce. Then nonces are recorded and winning tickets queued durably in one step
/// (so a payment is never credited twice, even across restarts), and the session is credited with the tickets' expected
/// value. Fees are debited per segment after transcoding. Balances of sessions idle longer than
/// <see cref="PaymentOptions.BalanceIdleTimeout"/> are forgotten, and at most <see cref="PaymentOptions.MaxBalances"/> are kept.
/// </summary>
public sealed class PaymentReceiver(TicketParamsIssuer issuer, ITicketChainState chain, IRedemptionQueue queue, PaymentOptions options, TimeProvider? time = null)
{
    private readonly Lock _lock = new();
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly Dictionary<string, (BigInteger Balance, DateTimeOffset Touched)> _balances = new(StringComparer.Ordinal);
    private DateTimeOffset _lastSweep = DateTimeOffset.MinValue;
    private long _lastForgetBlock = long.MinValue;

    /// <summary>Metrics moved by accepted payments, or null.</summary>
    public Orchestrator.OrchestratorMetrics? Metrics { get; init; }

    /// <summary>Checks and accepts a payment for a session; throws <see cref="PaymentException"/> and credits nothing when any part is wrong.</summary>
    public async Task<PaymentReceipt> ReceiveAsync(TicketPayment payment, string sessionId, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(sessionId);
        if (payment.Tickets.Count == 0) return new PaymentReceipt(0, 0, Balance(sessionId));
        var p = payment.Params;
        if (p.Recipient != issuer.Recipient) throw Refuse(PaymentError.WrongRecipient, $"The tickets pay {p.Recipient}, not this orchestrator ({issuer.Recipient}).");
        if (payment.Sender.IsZero) throw Refuse(PaymentError.InvalidSender, "The sender is the zero address.");
        var rand = issuer.RecipientRand(p.Seed, payment.Sender, p.FaceValue, p.WinProb, p.ExpirationBlock, p.CreationRound, p.CreationRoundBlockHash);
        if (Ticket.RecipientRandHashOf(rand) != p.RecipientRandHash)
            throw Refuse(PaymentError.ParamsNotIssued, "These ticket parameters were not issued by this orchestrator to this sender; ask for new ones with GetOrchestrator.");
        var round = chain.Round;
        if (chain.BlockNumber > p.ExpirationBlock || p.CreationRound + chain.TicketValidityPeriod <= round.CurrentRound)
            throw Refuse(PaymentError.ExpiredParams, $"The ticket parameters expired (block {p.ExpirationBlock}, round {p.CreationRound}); ask for new ones with GetOrchestrator.");
        if (p.CreationRound == round.CurrentRound && p.CreationRoundBlockHash != round.CurrentRoundBlockHash)
            throw Refuse(PaymentError.WrongCreationRound, $"The creation round block hash is not round {p.CreationRound}'s.");

        var funds = await chain.SenderInfoAsync(payment.Sender, ct);
        if ((funds.Deposit + funds.ReserveRemaining).IsZero) throw Refuse(PaymentError.SenderUnfunded, $"Sender {payment.Sender} has no deposit or reserve on the ledger.");
        if (funds.WithdrawRound != 0) throw Refuse(PaymentError.SenderUnlocking, $"Sender {payment.Sender} is unlocking its funds (withdrawable in round {funds.WithdrawRound}).");
        var maxFloat = funds.Deposit + await chain.ClaimableReserveAsync(payment.Sender, issuer.Recipient, ct);
        if (p.FaceValue > maxFloat) throw Refuse(PaymentError.FaceValueTooHigh, $"Face value {p.FaceValue} wei exceeds what sender {payment.Sender} can cover ({maxFloat} wei).");

        var winners = new List<WinningTicket>();
        var nonces = new HashSet<UInt256>();
        foreach (var signed in payment.Tickets)
        {
            var ticket = payment.TicketFor(signed);
            if (!IsSignedBySender(ticket, signed.Signature)) throw Refuse(PaymentError.InvalidSignature, $"Ticket nonce {signed.SenderNonce} is not signed by {payment.Sender}.");
            if (!nonces.Add(signed.SenderNonce)) throw Refuse(PaymentError.NonceReplayed, $"Nonce {signed.SenderNonce} appears twice in the payment.");
            if (Ticket.IsWinning(signed.Signature, rand, p.WinProb)) winners.Add(new WinningTicket(ticket, signed.Signature, rand, sessionId));
        }
        ForgetExpiredNonces();
        if (await queue.CreditAsync(new CreditedTickets(p.RecipientRandHash, payment.Sender, p.ExpirationBlock, nonces, winners), ct) is { } replayed)
            throw Refuse(PaymentError.NonceReplayed, $"Nonce {replayed} was already used with these parameters.");
        var credit = p.ExpectedValueAttowei * payment.Tickets.Count;
        Metrics?.TicketsReceived.Inc(payment.Tickets.Count);
        Metrics?.TicketsWon.Inc(winners.Count);
        Metrics?.FeesReceivedWei.Inc((double)credit / 1e18); // attowei (1e-18 wei) to wei
        return new PaymentReceipt(credit, winners.Count, Add(sessionId, credit));
    }

    // Once per block is enough: parameters expire by block number.
    private void ForgetExpiredNonces()
    {
        var block = chain.BlockNumber;
        if (Interlocked.Exchange(ref _lastForgetBlock, block) != block) queue.ForgetExpired(block);
    }

    private static bool IsSignedBySender(Ticket ticket, byte[] signature)
    {
        try { return Signature.FromBytes(signature).Recover(ticket.SigningDigest()) == ticket.Sender; }
        catch (InvalidSignatureException) { return false; }
    }

    /// <summary>A session's credit in attowei (negative after work that was not yet paid for).</summary>
    public BigInteger Balance(string sessionId)
    {
        lock (_lock)
        {
            Sweep();
            return _balances.GetValueOrDefault(sessionId).Balance;
        }
    }

    /// <summary>Sessions with a balance kept now.</summary>
    public int Sessions
    {
        get { lock (_lock) { Sweep(); return _balances.Count; } }
    }

    /// <summary>
    /// Throws <see cref="PaymentError.InsufficientBalance"/> unless the session has at least <paramref name="minimumAttowei"/>
    /// of credit before more work (go-livepeer's rule: one ticket's expected value).
    /// </summary>
    public void RequireCredit(string sessionId, BigInteger minimumAttowei = default)
    {
        var balance = Balance(sessionId);
        if (balance <= 0 || balance < minimumAttowei)
            throw Refuse(PaymentError.InsufficientBalance, $"Session {sessionId} has {balance} attowei of credit, below one ticket's expected value ({minimumAttowei}); send tickets worth max(fee, EV).");
    }

    /// <summary>Charges a segment's fee to the session; returns the new balance.</summary>
    public BigInteger Debit(string sessionId, BigInteger feeAttowei) => Add(sessionId, -feeAttowei);

    private BigInteger Add(string sessionId, BigInteger amount)
    {
        lock (_lock)
        {
            Sweep();
            var balance = _balances.GetValueOrDefault(sessionId).Balance + amount;
            if (!_balances.ContainsKey(sessionId) && _balances.Count >= options.MaxBalances)
                _balances.Remove(_balances.MinBy(e => e.Value.Touched).Key); // the longest idle goes first
            _balances[sessionId] = (balance, _time.GetUtcNow());
            return balance;
        }
    }

    // Drops balances idle past the timeout, at most a few times per timeout so a busy receiver does not scan on every call.
    private void Sweep()
    {
        var now = _time.GetUtcNow();
        if (now - _lastSweep < options.BalanceIdleTimeout / 8) return;
        _lastSweep = now;
        var cutoff = now - options.BalanceIdleTimeout;
        foreach (var id in _balances.Where(e => e.Value.Touched < cutoff).Select(e => e.Key).ToList()) _balances.Remove(id);
    }

    private static PaymentException Refuse(PaymentError error, string message) => new(error, message);
}
