namespace Livepeer.Protocol.Calls;

/// <summary>reward().</summary>
public sealed record RewardCall : ProtocolCall;
