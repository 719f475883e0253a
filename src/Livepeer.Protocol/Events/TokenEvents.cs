using Livepeer.Core;

namespace Livepeer.Protocol.Events;

/// <summary>LPT moved (from zero: minted; to zero: burned).</summary>
public sealed record Transfer(Address From, Address To, UInt256 Value) : ProtocolEvent;

/// <summary>An allowance was set.</summary>
public sealed record Approval(Address Owner, Address Spender, UInt256 Value) : ProtocolEvent;

/// <summary>ETH moved between accounts.</summary>
public sealed record EthTransfer(Address From, Address To, UInt256 Value) : ProtocolEvent;
