namespace Livepeer.Protocol.Calls;

/// <summary>transferBond(delegator, amount): moves part of the caller's bond to another delegator.</summary>
public sealed record TransferBondCall(Address Delegator, UInt256 Amount) : ProtocolCall;
