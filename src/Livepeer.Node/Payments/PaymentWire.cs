using Google.Protobuf;
using Livepeer.Core;
using Livepeer.Wire.Segments;
using Proto = Livepeer.Wire.Messages;

namespace Livepeer.Node.Payments;

/// <summary>Converts payments and ticket parameters to and from go-livepeer's protobuf messages.</summary>
public static class PaymentWire
{
    /// <summary>TicketParams → protobuf (integers big-endian minimal, as go-livepeer writes them).</summary>
    public static Proto.TicketParams ToProto(TicketParams p) => new()
    {
        Recipient = ByteString.CopyFrom(p.Recipient.Bytes),
        FaceValue = HeaderCodec.FromUInt256(p.FaceValue),
        WinProb = HeaderCodec.FromUInt256(p.WinProb),
        RecipientRandHash = ByteString.CopyFrom(p.RecipientRandHash.Bytes),
        Seed = HeaderCodec.FromPaddedHash(p.Seed), // minimal big-endian, as go-livepeer writes it
        ExpirationBlock = HeaderCodec.FromUInt256((ulong)p.ExpirationBlock),
        ExpirationParams = new Proto.TicketExpirationParams
        {
            CreationRound = p.CreationRound,
            CreationRoundBlockHash = ByteString.CopyFrom(p.CreationRoundBlockHash.Bytes),
        },
    };

    /// <summary>
    /// Protobuf → TicketParams; the creation round comes from <paramref name="expiration"/> (a Payment's
    /// expiration_params, where go-livepeer puts it) or else from the ticket parameters' own field (OrchestratorInfo).
    /// Throws <see cref="WireFormatException"/> naming the bad field.
    /// </summary>
    public static TicketParams FromProto(Proto.TicketParams p, Proto.TicketExpirationParams? expiration = null)
    {
        expiration ??= p.ExpirationParams ?? throw new WireFormatException("expiration_params (the creation round) is missing.");
        var block = HeaderCodec.ToUInt256(p.ExpirationBlock, "expiration_block");
        if (block.Value > long.MaxValue) throw new WireFormatException("expiration_block is out of range.");
        return new TicketParams(
            HeaderCodec.ToAddress(p.Recipient, "recipient"),
            HeaderCodec.ToUInt256(p.FaceValue, "face_value"),
            HeaderCodec.ToUInt256(p.WinProb, "win_prob"),
            HeaderCodec.ToHash(p.RecipientRandHash, "recipient_rand_hash"),
            HeaderCodec.ToPaddedHash(p.Seed, "seed"),
            (long)block,
            expiration.CreationRound,
            HeaderCodec.ToHash(expiration.CreationRoundBlockHash, "creation_round_block_hash"));
    }

    /// <summary>A payment → the Livepeer-Payment protobuf, laid out as go-livepeer's: the creation round in Payment.expiration_params only.</summary>
    public static Proto.Payment ToProto(TicketPayment payment, UInt256 pricePerUnit, UInt256 pixelsPerUnit)
    {
        var ticketParams = ToProto(payment.Params);
        var expiration = ticketParams.ExpirationParams;
        ticketParams.ExpirationParams = null;
        var proto = new Proto.Payment
        {
            TicketParams = ticketParams,
            Sender = ByteString.CopyFrom(payment.Sender.Bytes),
            ExpirationParams = expiration,
            ExpectedPrice = new Proto.PriceInfo { PricePerUnit = (long)pricePerUnit, PixelsPerUnit = (long)pixelsPerUnit },
        };
        foreach (var t in payment.Tickets)
        {
            if (t.SenderNonce.Value > uint.MaxValue) throw new ArgumentException("Sender nonces above 2^32 do not fit go-livepeer's uint32 field.");
            proto.TicketSenderParams.Add(new Proto.TicketSenderParams { SenderNonce = (uint)(ulong)t.SenderNonce, Sig = ByteString.CopyFrom(t.Signature) });
        }
        return proto;
    }

    /// <summary>The Livepeer-Payment protobuf → a payment; a payment without ticket parameters has no tickets.</summary>
    public static TicketPayment FromProto(Proto.Payment payment)
    {
        var sender = HeaderCodec.ToAddress(payment.Sender, "sender");
        if (payment.TicketParams is null)
        {
            if (payment.TicketSenderParams.Count > 0) throw new WireFormatException("The payment has tickets but no ticket_params.");
            return new TicketPayment(sender, EmptyParams, []);
        }
        var parameters = FromProto(payment.TicketParams, payment.ExpirationParams);
        var tickets = payment.TicketSenderParams.Select(t => new SignedTicket(t.SenderNonce, t.Sig.ToByteArray())).ToList();
        return new TicketPayment(sender, parameters, tickets);
    }

    /// <summary>The parameters of a payment without tickets.</summary>
    public static readonly TicketParams EmptyParams = new(Address.Zero, UInt256.Zero, UInt256.Zero, Hash.Zero, Hash.Zero, 0, 0, Hash.Zero);
}
