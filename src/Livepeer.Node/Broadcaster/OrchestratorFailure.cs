namespace Livepeer.Node.Broadcaster;

/// <summary>What went wrong in an exchange with an orchestrator, seen from the broadcaster; mapped by <see cref="OrchestratorFailures"/>.</summary>
public enum OrchestratorFailure
{
    /// <summary>No connection, or the connection broke.</summary>
    Unreachable,
    /// <summary>Any refusal without a more specific kind.</summary>
    Refused,
    /// <summary>The orchestrator is full (go-livepeer's "OrchestratorCapped").</summary>
    AtCapacity,
    /// <summary>The orchestrator cannot do this job's capabilities.</summary>
    Incompatible,
    /// <summary>The orchestrator's answer cannot be read.</summary>
    Malformed,
    /// <summary>The orchestrator refused the payment.</summary>
    Payment,
    /// <summary>The ticket parameters expired: fetch new ones and send again.</summary>
    ExpiredParams,
    /// <summary>The ticket parameters are outside this broadcaster's limits.</summary>
    TicketParams,
    /// <summary>The price is above the broadcaster's cap.</summary>
    Price,
    /// <summary>Transcoding failed at the orchestrator.</summary>
    TranscodeError,
    /// <summary>The result does not match the request.</summary>
    BadResult,
    /// <summary>A result failed verification.</summary>
    FailedVerification,
    /// <summary>A signature is malformed or not the orchestrator's.</summary>
    BadSignature,
    /// <summary>No answer in time.</summary>
    Timeout,
}

/// <summary>What a failure is on each boundary: metric and status label, a hint for the operator, and whether the
/// orchestrator is suspended for it (a full or unsuitable orchestrator is not at fault: it is only skipped).</summary>
public sealed record OrchestratorFailureMapping(string Label, string Hint, bool Suspends);

/// <summary>The one table from <see cref="OrchestratorFailure"/> to its mappings; a kind without a row fails a test.</summary>
public static class OrchestratorFailures
{
    /// <summary>Every kind's mapping. The labels are metric label values and status-page keys: keep them stable.</summary>
    public static IReadOnlyDictionary<OrchestratorFailure, OrchestratorFailureMapping> Table { get; } = new Dictionary<OrchestratorFailure, OrchestratorFailureMapping>
    {
        [OrchestratorFailure.Unreachable] = new("unreachable", "check the orchestrator's service URI and that it is running", true),
        [OrchestratorFailure.Refused] = new("refused", "the orchestrator's message says why", true),
        [OrchestratorFailure.AtCapacity] = new("at-capacity", "another orchestrator is tried; add orchestrators if all are full", false),
        [OrchestratorFailure.Incompatible] = new("incompatible", "the orchestrator lacks a capability the job needs (codec, profile)", false),
        [OrchestratorFailure.Malformed] = new("malformed", "the orchestrator sent something this broadcaster cannot read", true),
        [OrchestratorFailure.Payment] = new("payment", "fund a deposit and reserve (livepeer broadcast fund)", true),
        [OrchestratorFailure.ExpiredParams] = new("expired-params", "new ticket parameters are fetched and the segment is sent again", true),
        [OrchestratorFailure.TicketParams] = new("ticket-params", "the orchestrator's tickets exceed this broadcaster's limits (face value, price)", true),
        [OrchestratorFailure.Price] = new("price", "the orchestrator asks more than --max-price-per-unit", true),
        [OrchestratorFailure.TranscodeError] = new("transcode-error", "the orchestrator could not transcode the segment", true),
        [OrchestratorFailure.BadResult] = new("bad-result", "the orchestrator returned the wrong renditions", true),
        [OrchestratorFailure.FailedVerification] = new("failed-verification", "the result failed verification; evidence was kept", true),
        [OrchestratorFailure.BadSignature] = new("bad-signature", "the orchestrator's signature does not match its address", true),
        [OrchestratorFailure.Timeout] = new("timeout", "the orchestrator is slow or overloaded (suspended after three timeouts in a row)", false),
    };

    /// <summary>The mapping of <paramref name="failure"/>.</summary>
    public static OrchestratorFailureMapping Of(OrchestratorFailure failure) =>
        Table.TryGetValue(failure, out var mapping) ? mapping : throw new ArgumentOutOfRangeException(nameof(failure), failure, "failure kind without a mapping");
}
