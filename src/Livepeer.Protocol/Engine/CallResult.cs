namespace Livepeer.Protocol.Engine;

/// <summary>The outcome of one call: the events it emitted, or a named error (and then the state is unchanged).</summary>
public sealed record CallResult(IReadOnlyList<ProtocolEvent> Events, ProtocolError? Error, string? Message)
{
    /// <summary>True when the call succeeded.</summary>
    public bool Succeeded => Error is null;

    /// <summary>A success.</summary>
    public static CallResult Ok(IReadOnlyList<ProtocolEvent> events) => new(events, null, null);

    /// <summary>A failure.</summary>
    public static CallResult Fail(ProtocolError error, string message) => new([], error, message);

    public override string ToString() => Succeeded ? $"ok ({Events.Count} events)" : $"{Error}: {Message}";
}
