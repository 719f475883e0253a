namespace Livepeer.Protocol.Calls;

/// <summary>fundReserve (payable).</summary>
public sealed record FundReserveCall(UInt256 Amount) : ProtocolCall;
