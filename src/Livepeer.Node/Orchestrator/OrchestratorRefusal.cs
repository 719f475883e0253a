namespace Livepeer.Node.Orchestrator;

/// <summary>Why the orchestrator refused a request, mapped to go-livepeer's HTTP status and a gRPC status by the transports.</summary>
public enum RefusalKind
{
    /// <summary>Malformed request outside the credentials (400).</summary>
    BadRequest,
    /// <summary>Bad segment credentials: SegData, signature, capabilities, auth token or segment hash (403, as go-livepeer).</summary>
    Forbidden,
    /// <summary>The Livepeer-Payment header cannot be decoded (402, as go-livepeer).</summary>
    PaymentRequired,
    /// <summary>The payment's tickets were refused or the session's credit is short (400 with go-livepeer's text).</summary>
    PaymentRefused,
    /// <summary>At capacity (403 "OrchestratorCapped", go-livepeer's CheckCapacity error).</summary>
    AtCapacity,
    /// <summary>The segment is larger than the orchestrator takes (413).</summary>
    TooLarge,
}

/// <summary>A refused orchestrator request: the kind and a message that tells the broadcaster what to do.</summary>
public sealed class OrchestratorRefusal(RefusalKind kind, string message) : Exception(message)
{
    /// <summary>go-livepeer's text for a full orchestrator; its broadcasters and ours key on it.</summary>
    public const string CappedText = "OrchestratorCapped";

    /// <summary>The kind of refusal.</summary>
    public RefusalKind Kind { get; } = kind;

    /// <summary>The HTTP status code for this refusal (go-livepeer's).</summary>
    public int HttpStatus => Kind switch
    {
        RefusalKind.BadRequest => 400,
        RefusalKind.Forbidden => 403,
        RefusalKind.PaymentRequired => 402,
        RefusalKind.PaymentRefused => 400,
        RefusalKind.AtCapacity => 403,
        RefusalKind.TooLarge => 413,
        _ => throw new ArgumentOutOfRangeException(nameof(Kind), Kind, "unknown refusal kind"),
    };
}
