namespace Livepeer.Protocol.ServiceRegistry;

/// <summary>Livepeer's ServiceRegistry: an orchestrator's service URI.</summary>
public static class ServiceRegistryModule
{
    /// <summary>Longest accepted URI.</summary>
    public const int MaxLength = 2048;

    /// <summary>setServiceURI: any absolute http(s) URI, or empty to clear.</summary>
    public static void SetServiceUri(CallContext ctx, string uri)
    {
        CallContext.Require(uri is not null && uri.Length <= MaxLength, ProtocolError.InvalidServiceUri, $"a service URI is at most {MaxLength} characters");
        if (uri!.Length > 0)
        {
            var ok = Uri.TryCreate(uri, UriKind.Absolute, out var parsed) && (parsed.Scheme == "https" || parsed.Scheme == "http");
            CallContext.Require(ok, ProtocolError.InvalidServiceUri, $"'{uri}' is not an absolute http(s) URI such as https://host:8936");
        }
        ctx.State.ServiceUris.Set(ctx.Caller, uri);
        ctx.Emit(new ServiceUriUpdate(ctx.Caller, uri));
    }
}
