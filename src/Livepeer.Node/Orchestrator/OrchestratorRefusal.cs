using Grpc.Core;

namespace Livepeer.Node.Orchestrator;

/// <summary>Why the orchestrator refused a request; <see cref="RefusalKinds"/> maps each kind for transports, metrics and operators.</summary>
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

/// <summary>What a refusal kind is on each boundary: HTTP status (go-livepeer's), gRPC status, metric label and a hint for the operator.</summary>
public sealed record RefusalMapping(int HttpStatus, StatusCode GrpcStatus, string MetricLabel, string Hint);

/// <summary>The one table from <see cref="RefusalKind"/> to its mappings; a kind without a row fails a test.</summary>
public static class RefusalKinds
{
    /// <summary>Every kind's mapping.</summary>
    public static IReadOnlyDictionary<RefusalKind, RefusalMapping> Table { get; } = new Dictionary<RefusalKind, RefusalMapping>
    {
        [RefusalKind.BadRequest] = new(400, StatusCode.InvalidArgument, "bad-request", "the broadcaster sent a request this orchestrator cannot read"),
        [RefusalKind.Forbidden] = new(403, StatusCode.PermissionDenied, "forbidden",
            "check the broadcaster's signature, auth token, capabilities and allow-list (--allow-broadcaster)"),
        [RefusalKind.PaymentRequired] = new(402, StatusCode.InvalidArgument, "payment", "the Livepeer-Payment header could not be decoded"),
        [RefusalKind.PaymentRefused] = new(400, StatusCode.InvalidArgument, "payment",
            "the broadcaster's tickets were refused: it should fund its deposit and reserve (livepeer broadcast fund)"),
        [RefusalKind.AtCapacity] = new(403, StatusCode.ResourceExhausted, "at-capacity", "raise --max-sessions or add transcoders"),
        [RefusalKind.TooLarge] = new(413, StatusCode.InvalidArgument, "too-large", "segments are limited in size; shorten the broadcaster's segments"),
    };

    /// <summary>The mapping of <paramref name="kind"/>.</summary>
    public static RefusalMapping Of(RefusalKind kind) =>
        Table.TryGetValue(kind, out var mapping) ? mapping : throw new ArgumentOutOfRangeException(nameof(kind), kind, "refusal kind without a mapping");
}

/// <summary>A refused orchestrator request: the kind and a message that tells the broadcaster what to do.</summary>
public sealed class OrchestratorRefusal(RefusalKind kind, string message) : Exception(message)
{
    /// <summary>go-livepeer's text for a full orchestrator; its broadcasters and ours key on it.</summary>
    public const string CappedText = "OrchestratorCapped";

    /// <summary>The kind of refusal.</summary>
    public RefusalKind Kind { get; } = kind;

    /// <summary>The HTTP status code for this refusal (go-livepeer's).</summary>
    public int HttpStatus => RefusalKinds.Of(Kind).HttpStatus;
}
