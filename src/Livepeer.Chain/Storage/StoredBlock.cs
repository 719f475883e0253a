namespace Livepeer.Chain.Storage;

/// <summary>A block as persisted: header, its transactions with receipts, and optionally a state snapshot.</summary>
/// <param name="Number">Height; genesis is 0.</param>
/// <param name="Hash">Block hash.</param>
/// <param name="ParentHash">Hash of block Number - 1 (zero for genesis).</param>
/// <param name="Timestamp">Unix seconds as the sequencer saw them.</param>
/// <param name="StateHash">Hash of the protocol state after the block.</param>
/// <param name="Transactions">Included transactions in order.</param>
/// <param name="StateSnapshot">Canonical state bytes after the block, stored every so often to speed up restarts.</param>
public sealed record StoredBlock(
    long Number,
    Hash Hash,
    Hash ParentHash,
    long Timestamp,
    Hash StateHash,
    IReadOnlyList<StoredTransaction> Transactions,
    byte[]? StateSnapshot = null);

/// <summary>A transaction as included: its identity, raw signed bytes, and receipt.</summary>
/// <param name="Hash">Transaction hash (the signed digest).</param>
/// <param name="Sender">Recovered signer.</param>
/// <param name="Nonce">Sender nonce.</param>
/// <param name="Raw">The signed transaction exactly as submitted, for replay.</param>
/// <param name="Receipt">Outcome of executing it.</param>
public sealed record StoredTransaction(Hash Hash, Address Sender, ulong Nonce, byte[] Raw, StoredReceipt Receipt);

/// <summary>What executing a transaction did: success and events, or the named error that left the state unchanged.</summary>
/// <param name="Success">True when the call succeeded.</param>
/// <param name="Error">The protocol error name and message when it failed.</param>
/// <param name="Events">Events in emission order (empty on failure).</param>
public sealed record StoredReceipt(bool Success, string? Error, IReadOnlyList<StoredEvent> Events);

/// <summary>An event emitted by the protocol, serialized as JSON.</summary>
/// <param name="Name">Event name, e.g. Bond or NewRound.</param>
/// <param name="Json">The event's fields as a JSON object.</param>
public sealed record StoredEvent(string Name, string Json);

/// <summary>An event together with where it was emitted, as log queries return it.</summary>
public sealed record StoredLog(long BlockNumber, Hash BlockHash, int TransactionIndex, Hash TransactionHash, int LogIndex, StoredEvent Event);
