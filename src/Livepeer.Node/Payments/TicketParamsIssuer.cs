using System.Numerics;
using System.Security.Cryptography;
using Livepeer.Core;
using Livepeer.Protocol.TicketBroker;

namespace Livepeer.Node.Payments;

/// <summary>
/// The recipient's side of ticket parameters. recipientRand = HMAC-SHA256(secret, seed | sender | faceValue | winProb |
/// expirationBlock | creationRound | creationRoundBlockHash), so the recipient can re-derive it from what the sender
/// sends back and never has to remember an offer; only the hash of it is published.
/// </summary>
public sealed class TicketParamsIssuer
{
    private readonly byte[] _secret;
    private readonly PaymentOptions _options;

    /// <summary>An issuer for <paramref name="recipient"/> with a secret of at least 32 bytes.</summary>
    public TicketParamsIssuer(Address recipient, ReadOnlySpan<byte> secret, PaymentOptions options)
    {
        if (secret.Length < 32) throw new ArgumentException("The ticket secret must be at least 32 bytes.", nameof(secret));
        options.Validate();
        Recipient = recipient;
        _secret = secret.ToArray();
        _options = options;
    }

    /// <summary>The expected value of one ticket at full face value, in attowei: the credit a session must hold before each segment.</summary>
    public BigInteger StandardTicketValueAttowei
    {
        get
        {
            var faceValue = _options.RedemptionCost * (UInt256)_options.TxCostMultiplier;
            return new TicketParams(Recipient, faceValue, TicketParams.WinProbFor(UInt256.Min(_options.TicketExpectedValue, faceValue), faceValue),
                Hash.Zero, Hash.Zero, 0, 0, Hash.Zero).ExpectedValueAttowei;
        }
    }

    /// <summary>The recipient these parameters pay.</summary>
    public Address Recipient { get; }

    /// <summary>
    /// Parameters for <paramref name="sender"/>: face value = redemption cost × multiplier, capped by what the sender can
    /// cover (<paramref name="senderMaxFloat"/>); win probability for the configured expected value.
    /// </summary>
    public TicketParams Issue(Address sender, ITicketChainState chain, UInt256 senderMaxFloat, Func<Hash>? newSeed = null)
    {
        var faceValue = UInt256.Min(_options.RedemptionCost * (UInt256)_options.TxCostMultiplier, senderMaxFloat);
        if (faceValue.IsZero) throw new PaymentException(PaymentError.SenderUnfunded, $"Sender {sender} has no deposit or reserve to cover tickets.");
        var winProb = TicketParams.WinProbFor(UInt256.Min(_options.TicketExpectedValue, faceValue), faceValue);
        var seed = newSeed?.Invoke() ?? new Hash(RandomNumberGenerator.GetBytes(32));
        // Tickets name the newest initialized round: an uninitialized round has no block hash yet, and the ledger refuses those.
        var (round, blockHash) = chain.LastInitializedRound
            ?? throw new PaymentException(PaymentError.WrongCreationRound, $"Round {chain.Round.CurrentRound} is not initialized yet; tickets are offered once it is.");
        var expiration = chain.BlockNumber + _options.ParamsValidityBlocks;
        var rand = RecipientRand(seed, sender, faceValue, winProb, expiration, round, blockHash);
        return new TicketParams(Recipient, faceValue, winProb, Ticket.RecipientRandHashOf(rand), seed, expiration, round, blockHash);
    }

    /// <summary>Re-derives recipientRand for parameters a sender sent back.</summary>
    public UInt256 RecipientRand(Hash seed, Address sender, UInt256 faceValue, UInt256 winProb, long expirationBlock, long creationRound, Hash creationRoundBlockHash)
    {
        Span<byte> message = stackalloc byte[32 + 20 + 32 + 32 + 32 + 32 + 32];
        seed.Bytes.CopyTo(message);
        sender.Bytes.CopyTo(message[32..]);
        faceValue.WriteBigEndian32(message[52..]);
        winProb.WriteBigEndian32(message[84..]);
        ((UInt256)(ulong)expirationBlock).WriteBigEndian32(message[116..]);
        ((UInt256)(ulong)creationRound).WriteBigEndian32(message[148..]);
        creationRoundBlockHash.Bytes.CopyTo(message[180..]);
        Span<byte> mac = stackalloc byte[32];
        HMACSHA256.HashData(_secret, message, mac);
        return new UInt256(new BigInteger(mac, isUnsigned: true, isBigEndian: true));
    }
}
