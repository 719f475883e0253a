namespace Livepeer.Protocol.Calls;

/// <summary>Plain ETH transfer.</summary>
public sealed record SendEthCall(Address To, UInt256 Amount) : ProtocolCall;
