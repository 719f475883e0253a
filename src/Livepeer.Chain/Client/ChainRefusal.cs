namespace Livepeer.Chain.Client;

/// <summary>Why a chain refused a transaction when the protocol itself did not (then it is <see cref="Protocol"/>). Names shared
/// with ProtocolError (InsufficientEth: the account cannot pay) are the protocol's.</summary>
public enum ChainRefusal
{
    /// <summary>The protocol refused the call: see the exception's ProtocolError.</summary>
    Protocol,
    /// <summary>The nonce was already used.</summary>
    NonceTooLow,
    /// <summary>The nonce leaves a gap.</summary>
    NonceGap,
    /// <summary>The sender has too many transactions in the open block.</summary>
    SenderPendingLimit,
    /// <summary>The sender holds nothing it could lose (the ledger charges no gas).</summary>
    SenderHasNothing,
    /// <summary>The signature is invalid.</summary>
    BadSignature,
    /// <summary>The transaction cannot be parsed.</summary>
    Malformed,
    /// <summary>The transaction is too large.</summary>
    Oversized,
    /// <summary>The EIP-712 domain is not the ledger's.</summary>
    WrongDomain,
    /// <summary>The transaction is for another chain.</summary>
    WrongChainId,
    /// <summary>The declared EIP-712 types differ from the ledger's.</summary>
    SchemaMismatch,
    /// <summary>The chain has no such operation (e.g. a contract not deployed there).</summary>
    NotSupported,
    /// <summary>A contract reverted without a known error.</summary>
    Reverted,
    /// <summary>Any other refusal.</summary>
    Refused,
}
