using Livepeer.Core;
using Livepeer.Protocol.TicketBroker;

namespace Livepeer.Node.Payments;

/// <summary>A ticket that won: everything redeemWinningTicket needs, and where it came from.</summary>
public sealed record WinningTicket(Ticket Ticket, byte[] Signature, UInt256 RecipientRand, string SessionId);

/// <summary>Where winning tickets go before they are redeemed; persisted before the payment is acknowledged.</summary>
public interface IRedemptionQueue
{
    /// <summary>Adds tickets durably; returns once they would survive a crash.</summary>
    ValueTask EnqueueAsync(IReadOnlyList<WinningTicket> tickets, CancellationToken ct);
}
