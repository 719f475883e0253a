namespace Livepeer.Protocol.Calls;

/// <summary>A transaction's intent: one protocol function with its arguments. The caller comes with it.</summary>
public abstract record ProtocolCall;
