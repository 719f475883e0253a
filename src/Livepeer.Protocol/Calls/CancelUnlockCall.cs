namespace Livepeer.Protocol.Calls;

/// <summary>cancelUnlock().</summary>
public sealed record CancelUnlockCall : ProtocolCall;
