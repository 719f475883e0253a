namespace Livepeer.Protocol.Calls;

/// <summary>withdrawFees(recipient, amount).</summary>
public sealed record WithdrawFeesCall(Address Recipient, UInt256 Amount) : ProtocolCall;
