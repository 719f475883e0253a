namespace Livepeer.Protocol.TicketBroker;

/// <summary>What one recipient has claimed from one sender's reserve in a round.</summary>
public sealed record ReserveClaim(long Round, UInt256 Amount);
