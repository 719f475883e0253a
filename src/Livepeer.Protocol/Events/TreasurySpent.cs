namespace Livepeer.Protocol.Events;

/// <summary>Governance paid LPT from the treasury.</summary>
public sealed record TreasurySpent(Address Recipient, UInt256 Amount) : ProtocolEvent;
