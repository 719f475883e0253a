namespace Livepeer.Chain.Tests.Crash;

/// <summary>A JSON-RPC error answer: its code, the refusal reason when there is one, and the message.</summary>
internal sealed class LedgerRpcError(int code, string? reason, string message) : Exception($"{code} {reason}: {message}")
{
    public int Code { get; } = code;
    public string? Reason { get; } = reason;
}
