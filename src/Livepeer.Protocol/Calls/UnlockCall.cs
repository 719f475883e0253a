namespace Livepeer.Protocol.Calls;

/// <summary>unlock().</summary>
public sealed record UnlockCall : ProtocolCall;
