namespace Livepeer.Protocol.Events;

/// <summary>ETH moved between accounts.</summary>
public sealed record EthTransfer(Address From, Address To, UInt256 Value) : ProtocolEvent;
