namespace Livepeer.Protocol.Calls;

/// <summary>unbond(amount).</summary>
public sealed record UnbondCall(UInt256 Amount) : ProtocolCall;
