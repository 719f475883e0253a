namespace Livepeer.Protocol.Events;

/// <summary>A round was initialized.</summary>
public sealed record NewRound(long Round, Hash BlockHash) : ProtocolEvent;
