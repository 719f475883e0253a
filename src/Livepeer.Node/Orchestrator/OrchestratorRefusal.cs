namespace Livepeer.Node.Orchestrator;

/// <summary>Why the orchestrator refused a request, mapped to an HTTP status and a gRPC status by the transports.</summary>
public enum RefusalKind
{
    /// <summary>Malformed headers or body (400).</summary>
    BadRequest,
    /// <summary>Bad signature, auth token or segment hash (403).</summary>
    Forbidden,
    /// <summary>The payment was refused or the session has no credit (402).</summary>
    PaymentRequired,
    /// <summary>At capacity (503).</summary>
    AtCapacity,
}

/// <summary>A refused orchestrator request: the kind and a message that tells the broadcaster what to do.</summary>
public sealed class OrchestratorRefusal(RefusalKind kind, string message) : Exception(message)
{
    /// <summary>The kind of refusal.</summary>
    public RefusalKind Kind { get; } = kind;

    /// <summary>The HTTP status code for this refusal.</summary>
    public int HttpStatus => Kind switch
    {
        RefusalKind.BadRequest => 400,
        RefusalKind.Forbidden => 403,
        RefusalKind.PaymentRequired => 402,
        _ => 503,
    };
}
