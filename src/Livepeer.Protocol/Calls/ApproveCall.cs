namespace Livepeer.Protocol.Calls;

/// <summary>ERC-20 approve.</summary>
public sealed record ApproveCall(Address Spender, UInt256 Amount) : ProtocolCall;
