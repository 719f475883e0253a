using Livepeer.Core;
using Livepeer.Protocol.TicketBroker;

namespace Livepeer.Node.Payments;

/// <summary>A ticket that won: everything redeemWinningTicket needs, and where it came from.</summary>
public sealed record WinningTicket(Ticket Ticket, byte[] Signature, UInt256 RecipientRand, string SessionId);

/// <summary>
/// The tickets of one checked payment, to be credited: every sender nonce used with the parameters (one
/// recipientRandHash per sender and offer), the block after which those parameters are refused anyway, and the winners.
/// </summary>
public sealed record CreditedTickets(Hash RecipientRandHash, Address Sender, long ExpirationBlock, IReadOnlyCollection<UInt256> Nonces,
    IReadOnlyList<WinningTicket> Winners);

/// <summary>Where credited tickets go before they are redeemed; persisted before the payment is acknowledged.</summary>
public interface IRedemptionQueue
{
    /// <summary>
    /// Records a payment's nonces and queues its winning tickets, all or nothing, once they would survive a crash;
    /// returns the first nonce already used with the same parameters instead (and records nothing).
    /// </summary>
    ValueTask<UInt256?> CreditAsync(CreditedTickets tickets, CancellationToken ct);

    /// <summary>Forgets the nonces of parameters that expired before <paramref name="blockNumber"/> (refused anyway).</summary>
    void ForgetExpired(long blockNumber);
}
