using Livepeer.Core;

namespace Livepeer.Protocol.Events;

public sealed record DepositFunded(Address Sender, UInt256 Amount) : ProtocolEvent;
public sealed record ReserveFunded(Address ReserveHolder, UInt256 Amount) : ProtocolEvent;
public sealed record ReserveClaimed(Address ReserveHolder, Address Claimant, UInt256 Amount) : ProtocolEvent;
public sealed record WinningTicketRedeemed(Address Sender, Address Recipient, UInt256 FaceValue, UInt256 WinProb, UInt256 SenderNonce, UInt256 RecipientRand, long CreationRound, Hash TicketHash) : ProtocolEvent;
public sealed record WinningTicketTransfer(Address Sender, Address Recipient, UInt256 Amount) : ProtocolEvent;
public sealed record Unlock(Address Sender, long StartRound, long EndRound) : ProtocolEvent;
public sealed record UnlockCancelled(Address Sender) : ProtocolEvent;
public sealed record Withdrawal(Address Sender, UInt256 Deposit, UInt256 Reserve) : ProtocolEvent;
public sealed record ServiceUriUpdate(Address Addr, string ServiceUri) : ProtocolEvent;
