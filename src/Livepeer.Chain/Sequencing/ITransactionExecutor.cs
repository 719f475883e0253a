namespace Livepeer.Chain.Sequencing;

/// <summary>What executing one transaction did: events on success, or the named reason it was refused.</summary>
public sealed record ExecutionOutcome(bool Success, string? Error, IReadOnlyList<StoredEvent> Events)
{
    /// <summary>A success with events.</summary>
    public static ExecutionOutcome Ok(IReadOnlyList<StoredEvent> events) => new(true, null, events);
    /// <summary>A refusal; the state must be unchanged.</summary>
    public static ExecutionOutcome Refused(string error) => new(false, error, []);
}

/// <summary>
/// The state machine the ledger runs. Execute must be deterministic and, when it refuses, leave the state exactly as it
/// was; Snapshot/Restore give canonical bytes so a restart resumes without replaying from genesis.
/// </summary>
public interface ITransactionExecutor
{
    /// <summary>Runs a transaction in the given block, mutating the state only on success.</summary>
    ExecutionOutcome Execute(PendingBlockContext block, LedgerTransaction transaction);

    /// <summary>The hash of the whole state.</summary>
    Hash StateHash();

    /// <summary>Canonical bytes of the whole state.</summary>
    byte[] Snapshot();

    /// <summary>Replaces the state with one from <see cref="Snapshot"/>.</summary>
    void Restore(byte[] snapshot);

    /// <summary>The next nonce a sender must use, according to the state.</summary>
    ulong NextNonce(Address sender);
}

/// <summary>Turns raw signed bytes into a checked transaction, or refuses with a reason.</summary>
public interface ITransactionDecoder
{
    /// <summary>Decodes and verifies the signature and chain id; throws <see cref="TransactionRejectedException"/> when invalid.</summary>
    LedgerTransaction Decode(byte[] raw);
}
