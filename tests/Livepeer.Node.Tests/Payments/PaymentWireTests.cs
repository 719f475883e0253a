using Google.Protobuf;
using Livepeer.Core;
using Livepeer.Core.Crypto;
using Livepeer.Node.Payments;
using Livepeer.Wire.Segments;

namespace Livepeer.Node.Tests.Payments;

public class PaymentWireTests
{
    [Fact]
    public async Task APaymentSurvivesTheGoLivepeerWireFormatAndIsAccepted()
    {
        var broadcaster = PrivateKey.Generate(new Random(3).NextBytes);
        var orchestrator = PrivateKey.Generate(new Random(4).NextBytes);
        var chain = new FakeTicketChain();
        chain.Fund(broadcaster.Address, UInt256.Parse("1000000000000000000"));
        var options = new PaymentOptions();
        var issuer = new TicketParamsIssuer(orchestrator.Address, new byte[32], options);
        var receiver = new PaymentReceiver(issuer, chain, new ListQueue(), options);

        var offered = PaymentWire.FromProto(PaymentWire.ToProto(issuer.Issue(broadcaster.Address, chain, UInt256.Parse("1000000000000000000"))));
        var payment = new PaymentSender(broadcaster).Pay(offered, offered.ExpectedValueAttowei * 2);
        var header = HeaderCodec.Encode(PaymentWire.ToProto(payment, 1200, 1));
        var decoded = PaymentWire.FromProto(HeaderCodec.Decode(header, Livepeer.Wire.Messages.Payment.Parser, SegmentHeaders.Payment));

        Assert.Equal(payment.Params, decoded.Params);
        Assert.Equal(payment.Tickets.Select(t => t.Signature), decoded.Tickets.Select(t => t.Signature));
        Assert.Equal(2, (await receiver.ReceiveAsync(decoded, "s", CancellationToken.None)).CreditedAttowei / offered.ExpectedValueAttowei);
    }

    [Fact]
    public void MalformedPaymentsNameTheField()
    {
        var e = Assert.Throws<WireFormatException>(() => PaymentWire.FromProto(new Livepeer.Wire.Messages.Payment { Sender = ByteString.CopyFrom(new byte[5]) }));
        Assert.Contains("sender", e.Message);
        var noParams = new Livepeer.Wire.Messages.Payment { Sender = ByteString.CopyFrom(new byte[20]) };
        noParams.TicketSenderParams.Add(new Livepeer.Wire.Messages.TicketSenderParams { SenderNonce = 1 });
        Assert.Contains("ticket_params", Assert.Throws<WireFormatException>(() => PaymentWire.FromProto(noParams)).Message);
    }
}
