namespace Livepeer.Protocol.Events;

/// <summary>An orchestrator service URI changed.</summary>
public sealed record ServiceUriUpdate(Address Addr, string ServiceUri) : ProtocolEvent;
