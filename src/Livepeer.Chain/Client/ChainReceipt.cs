namespace Livepeer.Chain.Client;

/// <summary>A transaction in a block: where, and the events it emitted (args as JSON).</summary>
public sealed record ChainReceipt(Hash TransactionHash, long BlockNumber, IReadOnlyList<ChainEvent> Events)
{
    /// <summary>The events with a given name.</summary>
    public IEnumerable<ChainEvent> Named(string name) => Events.Where(e => e.Name == name);
}

/// <summary>One protocol event: its name and arguments.</summary>
public sealed record ChainEvent(string Name, JsonElement Args);

/// <summary>
/// A chain refused a transaction. Match on <see cref="Error"/> (the protocol's refusal) or <see cref="Refusal"/> (the
/// ledger's or the Ethereum node's), never on the text: <see cref="Reason"/> is only the name as it came over the wire.
/// </summary>
public sealed class ChainTransactionException : Exception
{
    /// <summary>The protocol refused the call.</summary>
    public ChainTransactionException(ProtocolError error, string message) : base(message) => (Error, Refusal, Reason) = (error, ChainRefusal.Protocol, error.ToString());

    /// <summary>The ledger or the chain client refused the transaction.</summary>
    public ChainTransactionException(ChainRefusal refusal, string message) : base(message) => (Refusal, Reason) = (refusal, refusal.ToString());

    /// <summary>A refusal named on the wire (a ledger's JSON-RPC error data, a contract's custom error): a protocol error
    /// name becomes <see cref="Error"/>, a ledger refusal name its <see cref="ChainRefusal"/>, anything else Refused.</summary>
    public ChainTransactionException(string reason, string message) : base(message)
    {
        Reason = reason;
        var named = reason.Length > 0 && char.IsLetter(reason[0]);
        if (named && Enum.TryParse<ProtocolError>(reason, out var error)) (Error, Refusal) = (error, ChainRefusal.Protocol);
        else Refusal = named && Enum.TryParse<ChainRefusal>(reason, out var refusal) && refusal != ChainRefusal.Protocol ? refusal : ChainRefusal.Refused;
    }

    /// <summary>The protocol's error when the protocol refused the call (<see cref="Refusal"/> is then Protocol).</summary>
    public ProtocolError? Error { get; }

    /// <summary>Who refused and why, when it was not the protocol.</summary>
    public ChainRefusal Refusal { get; }

    /// <summary>The refusal's name as sent, e.g. InsufficientBalance, RoundNotInitialized, NonceTooLow, BadSignature.</summary>
    public string Reason { get; }
}

/// <summary>The ledger could not be reached after retries; the message names the URL and what to check.</summary>
public sealed class ChainUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
