using Livepeer.Core;

namespace Livepeer.Protocol.Events;

/// <summary>A sender deposit grew.</summary>
public sealed record DepositFunded(Address Sender, UInt256 Amount) : ProtocolEvent;
/// <summary>A sender reserve grew.</summary>
public sealed record ReserveFunded(Address ReserveHolder, UInt256 Amount) : ProtocolEvent;
/// <summary>A recipient was paid from a sender reserve.</summary>
public sealed record ReserveClaimed(Address ReserveHolder, Address Claimant, UInt256 Amount) : ProtocolEvent;
/// <summary>A winning ticket was redeemed.</summary>
public sealed record WinningTicketRedeemed(Address Sender, Address Recipient, UInt256 FaceValue, UInt256 WinProb, UInt256 SenderNonce, UInt256 RecipientRand, long CreationRound, Hash TicketHash) : ProtocolEvent;
/// <summary>The face value of a redeemed ticket was credited to the recipient pool.</summary>
public sealed record WinningTicketTransfer(Address Sender, Address Recipient, UInt256 Amount) : ProtocolEvent;
/// <summary>A sender started unlocking its funds.</summary>
public sealed record Unlock(Address Sender, long StartRound, long EndRound) : ProtocolEvent;
/// <summary>A sender unlock was cancelled.</summary>
public sealed record UnlockCancelled(Address Sender) : ProtocolEvent;
/// <summary>A sender withdrew its deposit and reserve.</summary>
public sealed record Withdrawal(Address Sender, UInt256 Deposit, UInt256 Reserve) : ProtocolEvent;
/// <summary>An orchestrator service URI changed.</summary>
public sealed record ServiceUriUpdate(Address Addr, string ServiceUri) : ProtocolEvent;
