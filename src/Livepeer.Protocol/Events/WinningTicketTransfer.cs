namespace Livepeer.Protocol.Events;

/// <summary>The face value of a redeemed ticket was credited to the recipient pool.</summary>
public sealed record WinningTicketTransfer(Address Sender, Address Recipient, UInt256 Amount) : ProtocolEvent;
