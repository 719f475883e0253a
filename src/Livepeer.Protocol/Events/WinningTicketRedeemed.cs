namespace Livepeer.Protocol.Events;

/// <summary>A winning ticket was redeemed.</summary>
public sealed record WinningTicketRedeemed(Address Sender, Address Recipient, UInt256 FaceValue, UInt256 WinProb, UInt256 SenderNonce, UInt256 RecipientRand, long CreationRound, Hash TicketHash) : ProtocolEvent;
