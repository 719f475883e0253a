namespace Livepeer.Chain.Sequencing;

/// <summary>A decoded, signature-checked transaction: who sent it, its nonce, and the raw signed bytes kept for replay.</summary>
/// <param name="Hash">Transaction hash (unique).</param>
/// <param name="Sender">The recovered signer.</param>
/// <param name="Nonce">Sender's sequence number; the ledger accepts exactly the next one.</param>
/// <param name="Raw">The signed bytes as submitted.</param>
/// <param name="Call">The decoded call the executor runs.</param>
public sealed record LedgerTransaction(Hash Hash, Address Sender, ulong Nonce, byte[] Raw, object Call);

/// <summary>The block a transaction executes in: its number, its parent's hash and its timestamp (unix seconds).</summary>
public readonly record struct PendingBlockContext(long Number, Hash ParentHash, long Timestamp);
