namespace Livepeer.Protocol.Events;

/// <summary>Claimed fees were paid out in ETH.</summary>
public sealed record WithdrawFees(Address Delegator, Address Recipient, UInt256 Amount) : ProtocolEvent;
