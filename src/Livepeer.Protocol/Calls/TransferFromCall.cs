namespace Livepeer.Protocol.Calls;

/// <summary>ERC-20 transferFrom.</summary>
public sealed record TransferFromCall(Address From, Address To, UInt256 Amount) : ProtocolCall;
