using System.Numerics;
using Livepeer.Core;
using Livepeer.Core.Crypto;

namespace Livepeer.Node.Payments;

/// <summary>
/// The broadcaster's side of payments for one orchestrator session: keeps the session's balance (credit sent minus fees
/// charged), makes just enough tickets to cover each segment's fee and leave at least one ticket's expected value of credit
/// at the orchestrator, as go-livepeer orchestrators require — ceil((max(fee, EV) - balance) / EV) — with increasing
/// nonces per parameter set, and signs them. Credit sent with a segment still in flight may not be at the orchestrator
/// yet (concurrent segments can arrive in either order), so while one is unanswered every payment carries a ticket.
/// </summary>
public sealed class PaymentSender(PrivateKey key)
{
    private readonly Lock _lock = new();
    private Hash _randHash;
    private ulong _nextNonce;
    private int _inFlight;

    /// <summary>The sender's address.</summary>
    public Address Sender => key.Address;

    /// <summary>Credit left at the orchestrator by this sender's reckoning, in attowei.</summary>
    public BigInteger BalanceAttowei { get; private set; }

    /// <summary>Tickets signed so far.</summary>
    public long TicketsSent { get; private set; }

    /// <summary>Pays for work with fee <paramref name="feeAttowei"/>: the tickets needed on top of the balance (possibly none).</summary>
    public TicketPayment Pay(TicketParams parameters, BigInteger feeAttowei)
    {
        var ev = parameters.ExpectedValueAttowei;
        if (ev <= 0) throw new ArgumentException("The ticket parameters have zero expected value.", nameof(parameters));
        lock (_lock)
        {
            if (parameters.RecipientRandHash != _randHash)
            {
                _randHash = parameters.RecipientRandHash;
                _nextNonce = 0;
            }
            var need = BigInteger.Max(feeAttowei, ev) - BalanceAttowei;
            var count = need <= 0 ? 0 : (int)((need + ev - 1) / ev);
            if (count == 0 && _inFlight > 0) count = 1; // the balance may be riding on a request the orchestrator has not seen
            _inFlight++;
            var tickets = new List<SignedTicket>(count);
            for (var i = 0; i < count; i++)
            {
                var nonce = (UInt256)_nextNonce++;
                var unsigned = new TicketPayment(Sender, parameters, []).TicketFor(new SignedTicket(nonce, []));
                tickets.Add(new SignedTicket(nonce, key.Sign(unsigned.SigningDigest()).ToArray()));
            }
            BalanceAttowei += ev * count - feeAttowei;
            TicketsSent += count;
            return new TicketPayment(Sender, parameters, tickets);
        }
    }

    /// <summary>The orchestrator answered the segment a payment went with (whatever the answer): its credit is there or gone.</summary>
    public void Answered()
    {
        lock (_lock) if (_inFlight > 0) _inFlight--;
    }

    /// <summary>
    /// Undoes a payment the orchestrator refused whole (its tickets credited nothing, e.g. expired parameters) and the
    /// charge for the work it did not do, so the next payment carries the tickets again.
    /// </summary>
    public void Revert(TicketPayment payment, BigInteger feeAttowei)
    {
        lock (_lock) BalanceAttowei -= payment.Params.ExpectedValueAttowei * payment.Tickets.Count - feeAttowei;
    }

    /// <summary>Takes back a charge when the orchestrator did not do the work (a failed segment).</summary>
    public void Refund(BigInteger feeAttowei)
    {
        lock (_lock) BalanceAttowei += feeAttowei;
    }
}
