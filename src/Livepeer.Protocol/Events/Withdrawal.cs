namespace Livepeer.Protocol.Events;

/// <summary>A sender withdrew its deposit and reserve.</summary>
public sealed record Withdrawal(Address Sender, UInt256 Deposit, UInt256 Reserve) : ProtocolEvent;
