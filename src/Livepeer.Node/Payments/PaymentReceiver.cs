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
/// float, every ticket's signature and nonce. Then nonces are recorded, winning tickets are queued durably, and the
/// session is credited with the tickets' expected value. Fees are debited per segment after transcoding.
/// </summary>
public sealed class PaymentReceiver(TicketParamsIssuer issuer, ITicketChainState chain, IRedemptionQueue queue, PaymentOptions options)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, BigInteger> _balances = new(StringComparer.Ordinal);
    private readonly Dictionary<Hash, HashSet<UInt256>> _usedNonces = [];
    private readonly Queue<Hash> _nonceOrder = new();
    private int _rememberedNonces;

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
        lock (_lock)
        {
            if (_usedNonces.TryGetValue(p.RecipientRandHash, out var used))
            {
                foreach (var n in nonces)
                {
                    if (used.Contains(n)) throw Refuse(PaymentError.NonceReplayed, $"Nonce {n} was already used with these parameters.");
                }
            }
            // Reserve the nonces before the await below so a concurrent copy of this payment is refused.
            Remember(p.RecipientRandHash, nonces);
        }
        if (winners.Count > 0) await queue.EnqueueAsync(winners, ct);
        var credit = p.ExpectedValueAttowei * payment.Tickets.Count;
        Metrics?.TicketsReceived.Inc(payment.Tickets.Count);
        Metrics?.TicketsWon.Inc(winners.Count);
        Metrics?.FeesReceivedWei.Inc((double)credit / 1e18); // attowei (1e-18 wei) to wei
        lock (_lock)
        {
            var balance = _balances.GetValueOrDefault(sessionId) + credit;
            _balances[sessionId] = balance;
            return new PaymentReceipt(credit, winners.Count, balance);
        }
    }

    private static bool IsSignedBySender(Ticket ticket, byte[] signature)
    {
        try { return Signature.FromBytes(signature).Recover(ticket.SigningDigest()) == ticket.Sender; }
        catch (InvalidSignatureException) { return false; }
    }

    private void Remember(Hash randHash, HashSet<UInt256> nonces)
    {
        if (!_usedNonces.TryGetValue(randHash, out var used))
        {
            _usedNonces[randHash] = used = [];
            _nonceOrder.Enqueue(randHash);
        }
        foreach (var n in nonces) if (used.Add(n)) _rememberedNonces++;
        // Forget the oldest parameters first: they expire after ParamsValidityBlocks anyway.
        while (_rememberedNonces > options.MaxRememberedNonces && _nonceOrder.Count > 1)
        {
            var oldest = _nonceOrder.Dequeue();
            _rememberedNonces -= _usedNonces[oldest].Count;
            _usedNonces.Remove(oldest);
        }
    }

    /// <summary>A session's credit in attowei (negative after work that was not yet paid for).</summary>
    public BigInteger Balance(string sessionId)
    {
        lock (_lock) return _balances.GetValueOrDefault(sessionId);
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
    public BigInteger Debit(string sessionId, BigInteger feeAttowei)
    {
        lock (_lock)
        {
            var balance = _balances.GetValueOrDefault(sessionId) - feeAttowei;
            _balances[sessionId] = balance;
            return balance;
        }
    }

    private static PaymentException Refuse(PaymentError error, string message) => new(error, message);
}
