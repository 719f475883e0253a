namespace Livepeer.Protocol.Events;

/// <summary>LPT moved (from zero: minted; to zero: burned).</summary>
public sealed record Transfer(Address From, Address To, UInt256 Value) : ProtocolEvent;
