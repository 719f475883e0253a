namespace Livepeer.Protocol.Calls;

/// <summary>RoundsManager.initializeRound.</summary>
public sealed record InitializeRoundCall : ProtocolCall;
