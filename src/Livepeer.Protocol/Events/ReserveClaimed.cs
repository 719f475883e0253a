namespace Livepeer.Protocol.Events;

/// <summary>A recipient was paid from a sender reserve.</summary>
public sealed record ReserveClaimed(Address ReserveHolder, Address Claimant, UInt256 Amount) : ProtocolEvent;
