using Livepeer.Core;
using Livepeer.Protocol.TicketBroker;

namespace Livepeer.Node.Payments;

/// <summary>A ticket the sender made from offered parameters: the nonce and its signature over the ticket hash.</summary>
public sealed record SignedTicket(UInt256 SenderNonce, byte[] Signature);

/// <summary>One payment: the sender, the parameters the tickets were made from, and the tickets.</summary>
public sealed record TicketPayment(Address Sender, TicketParams Params, IReadOnlyList<SignedTicket> Tickets)
{
    /// <summary>The protocol ticket for one of the signed tickets.</summary>
    public Ticket TicketFor(SignedTicket t) => new(Params.Recipient, Sender, Params.FaceValue, Params.WinProb, t.SenderNonce,
        Params.RecipientRandHash, Params.CreationRound, Params.CreationRoundBlockHash);
}
