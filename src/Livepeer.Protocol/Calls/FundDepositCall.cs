namespace Livepeer.Protocol.Calls;

/// <summary>fundDeposit (payable): the amount is taken from the caller's ETH.</summary>
public sealed record FundDepositCall(UInt256 Amount) : ProtocolCall;
