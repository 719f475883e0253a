namespace Livepeer.Protocol.Calls;

/// <summary>ServiceRegistry.setServiceURI.</summary>
public sealed record SetServiceUriCall(string ServiceUri) : ProtocolCall;
