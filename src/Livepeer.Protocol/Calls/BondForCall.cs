namespace Livepeer.Protocol.Calls;

/// <summary>bondFor(amount, owner, to): the caller pays, the owner's bond grows (guards against forced delegation).</summary>
public sealed record BondForCall(UInt256 Amount, Address Owner, Address To) : ProtocolCall;
