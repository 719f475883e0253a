namespace Livepeer.Protocol.Events;

/// <summary>A sender reserve grew.</summary>
public sealed record ReserveFunded(Address ReserveHolder, UInt256 Amount) : ProtocolEvent;
