namespace Livepeer.Protocol.Calls;

/// <summary>rebondFromUnbonded(to, unbondingLockId).</summary>
public sealed record RebondFromUnbondedCall(Address To, long UnbondingLockId) : ProtocolCall;
