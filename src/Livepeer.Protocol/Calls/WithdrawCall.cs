namespace Livepeer.Protocol.Calls;

/// <summary>withdraw().</summary>
public sealed record WithdrawCall : ProtocolCall;
