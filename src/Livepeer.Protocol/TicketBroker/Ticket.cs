namespace Livepeer.Protocol.TicketBroker;

/// <summary>
/// A probabilistic micropayment ticket. <see cref="Hash"/> is keccak256 of the Solidity packed encoding
/// recipient(20) | sender(20) | faceValue(32) | winProb(32) | senderNonce(32) | recipientRandHash(32) |
/// creationRound(32) | creationRoundBlockHash(32); the sender signs its EIP-191 digest.
/// </summary>
public sealed record Ticket(
    Address Recipient,
    Address Sender,
    UInt256 FaceValue,
    UInt256 WinProb,
    UInt256 SenderNonce,
    Hash RecipientRandHash,
    long CreationRound,
    Hash CreationRoundBlockHash)
{
    /// <summary>Packed encoding length.</summary>
    public const int EncodedLength = 20 + 20 + 32 * 6;

    /// <summary>The ticket hash (what the sender signs, with the EIP-191 prefix).</summary>
    public Hash Hash()
    {
        Span<byte> b = stackalloc byte[EncodedLength];
        Recipient.Bytes.CopyTo(b);
        Sender.Bytes.CopyTo(b[20..]);
        FaceValue.WriteBigEndian32(b[40..]);
        WinProb.WriteBigEndian32(b[72..]);
        SenderNonce.WriteBigEndian32(b[104..]);
        RecipientRandHash.Bytes.CopyTo(b[136..]);
        ((UInt256)CreationRound).WriteBigEndian32(b[168..]);
        CreationRoundBlockHash.Bytes.CopyTo(b[200..]);
        return Keccak256.Hash(b);
    }

    /// <summary>The digest a sender's key signs: keccak256("\x19Ethereum Signed Message:\n32" | hash).</summary>
    public Hash SigningDigest() => EthereumSignedMessage.Digest(Hash());

    /// <summary>recipientRandHash for a recipientRand: keccak256(uint256).</summary>
    public static Hash RecipientRandHashOf(UInt256 recipientRand) => Keccak256.Hash(recipientRand.ToBigEndian32());

    /// <summary>Win check: uint256(keccak256(sig | recipientRand)) &lt; winProb.</summary>
    public static bool IsWinning(ReadOnlySpan<byte> signature, UInt256 recipientRand, UInt256 winProb)
    {
        Span<byte> b = stackalloc byte[signature.Length + 32];
        signature.CopyTo(b);
        recipientRand.WriteBigEndian32(b[signature.Length..]);
        return UInt256.FromBigEndian(Keccak256.Hash(b).Bytes) < winProb;
    }
}
