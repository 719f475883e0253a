namespace Livepeer.Protocol.Calls;

/// <summary>ERC-20 transfer of LPT.</summary>
public sealed record TransferCall(Address To, UInt256 Amount) : ProtocolCall;
