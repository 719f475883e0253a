namespace Livepeer.Node.Payments;

/// <summary>Why a payment or a ticket was refused.</summary>
public enum PaymentError
{
    /// <summary>The payment has no tickets, or its fields are malformed.</summary>
    Malformed,
    /// <summary>The tickets pay someone else.</summary>
    WrongRecipient,
    /// <summary>The sender is the zero address.</summary>
    InvalidSender,
    /// <summary>The parameters were not issued by this recipient (recipientRand does not match its hash).</summary>
    ParamsNotIssued,
    /// <summary>The parameters' expiration block or ticket validity passed; ask for new parameters.</summary>
    ExpiredParams,
    /// <summary>The creation round's block hash is not the chain's.</summary>
    WrongCreationRound,
    /// <summary>A ticket's signature is not the sender's.</summary>
    InvalidSignature,
    /// <summary>A sender nonce was used before with these parameters.</summary>
    NonceReplayed,
    /// <summary>The sender has no deposit or reserve.</summary>
    SenderUnfunded,
    /// <summary>The sender started withdrawing its funds.</summary>
    SenderUnlocking,
    /// <summary>The sender's face value exceeds what its funds can cover for this recipient.</summary>
    FaceValueTooHigh,
    /// <summary>The session's balance does not cover the work; send more tickets.</summary>
    InsufficientBalance,
}

/// <summary>A refused payment, with the reason and what the sender should do.</summary>
public sealed class PaymentException(PaymentError error, string message) : Exception(message)
{
    /// <summary>The reason.</summary>
    public PaymentError Error { get; } = error;
}
