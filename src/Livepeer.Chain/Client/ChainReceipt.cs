using System.Text.Json;
using Livepeer.Core;

namespace Livepeer.Chain.Client;

/// <summary>A transaction in a block: where, and the events it emitted (args as JSON).</summary>
public sealed record ChainReceipt(Hash TransactionHash, long BlockNumber, IReadOnlyList<ChainEvent> Events)
{
    /// <summary>The events with a given name.</summary>
    public IEnumerable<ChainEvent> Named(string name) => Events.Where(e => e.Name == name);
}

/// <summary>One protocol event: its name and arguments.</summary>
public sealed record ChainEvent(string Name, JsonElement Args);

/// <summary>The ledger refused a transaction; <see cref="Reason"/> is the protocol's or the ledger's error name.</summary>
public sealed class ChainTransactionException(string reason, string message) : Exception(message)
{
    /// <summary>E.g. InsufficientBalance, RoundNotInitialized, NonceTooLow, BadSignature.</summary>
    public string Reason { get; } = reason;
}

/// <summary>The ledger could not be reached after retries; the message names the URL and what to check.</summary>
public sealed class ChainUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
