using Livepeer.Core;

namespace Livepeer.Protocol.Calls;

/// <summary>ERC-20 transfer of LPT.</summary>
public sealed record TransferCall(Address To, UInt256 Amount) : ProtocolCall;
/// <summary>ERC-20 approve.</summary>
public sealed record ApproveCall(Address Spender, UInt256 Amount) : ProtocolCall;
/// <summary>ERC-20 transferFrom.</summary>
public sealed record TransferFromCall(Address From, Address To, UInt256 Amount) : ProtocolCall;
/// <summary>Plain ETH transfer.</summary>
public sealed record SendEthCall(Address To, UInt256 Amount) : ProtocolCall;
