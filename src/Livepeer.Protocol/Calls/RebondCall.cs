namespace Livepeer.Protocol.Calls;

/// <summary>rebond(unbondingLockId).</summary>
public sealed record RebondCall(long UnbondingLockId) : ProtocolCall;
