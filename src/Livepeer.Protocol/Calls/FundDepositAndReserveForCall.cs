namespace Livepeer.Protocol.Calls;

/// <summary>fundDepositAndReserveFor (payable): funds another sender.</summary>
public sealed record FundDepositAndReserveForCall(Address Sender, UInt256 DepositAmount, UInt256 ReserveAmount) : ProtocolCall;
