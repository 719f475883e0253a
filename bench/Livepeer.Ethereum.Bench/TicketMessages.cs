using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace Livepeer.Ethereum.Bench;

/// <summary>TicketBroker's Ticket struct.</summary>
public sealed class TicketDto
{
    [Parameter("address", "recipient", 1)] public string Recipient { get; set; } = "";
    [Parameter("address", "sender", 2)] public string Sender { get; set; } = "";
    [Parameter("uint256", "faceValue", 3)] public BigInteger FaceValue { get; set; }
    [Parameter("uint256", "winProb", 4)] public BigInteger WinProb { get; set; }
    [Parameter("uint256", "senderNonce", 5)] public BigInteger SenderNonce { get; set; }
    [Parameter("bytes32", "recipientRandHash", 6)] public byte[] RecipientRandHash { get; set; } = [];
    [Parameter("bytes", "auxData", 7)] public byte[] AuxData { get; set; } = [];
}

/// <summary>redeemWinningTicket(ticket, sig, recipientRand).</summary>
[Function("redeemWinningTicket")]
public sealed class RedeemWinningTicketFunction : FunctionMessage
{
    [Parameter("tuple", "_ticket", 1)] public TicketDto Ticket { get; set; } = new();
    [Parameter("bytes", "_sig", 2)] public byte[] Sig { get; set; } = [];
    [Parameter("uint256", "_recipientRand", 3)] public BigInteger RecipientRand { get; set; }
}
