namespace Livepeer.Protocol.Events;

/// <summary>A protocol parameter changed.</summary>
public sealed record ParameterUpdated(string Parameter, UInt256 Value) : ProtocolEvent;
