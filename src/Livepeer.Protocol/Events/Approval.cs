namespace Livepeer.Protocol.Events;

/// <summary>An allowance was set.</summary>
public sealed record Approval(Address Owner, Address Spender, UInt256 Value) : ProtocolEvent;
