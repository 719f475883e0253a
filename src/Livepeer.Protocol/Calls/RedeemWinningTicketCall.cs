namespace Livepeer.Protocol.Calls;

/// <summary>redeemWinningTicket(ticket, sig, recipientRand).</summary>
public sealed record RedeemWinningTicketCall(Ticket Ticket, byte[] Signature, UInt256 RecipientRand) : ProtocolCall;
