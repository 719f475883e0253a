namespace Livepeer.Protocol.Calls;

/// <summary>bond(amount, to): the caller bonds its own LPT.</summary>
public sealed record BondCall(UInt256 Amount, Address To) : ProtocolCall;
