namespace Livepeer.Chain.Sequencing;

/// <summary>Why the ledger refused a transaction at admission: a short machine name and a message for people.</summary>
public sealed class TransactionRejectedException(string reason, string message) : Exception(message)
{
    /// <summary>Machine-readable reason, e.g. BadSignature, WrongChainId, NonceTooLow, NonceGap, InsufficientBalance.</summary>
    public string Reason { get; } = reason;
}
