namespace Livepeer.Protocol.Calls;

/// <summary>fundDepositAndReserve (payable).</summary>
public sealed record FundDepositAndReserveCall(UInt256 DepositAmount, UInt256 ReserveAmount) : ProtocolCall;
