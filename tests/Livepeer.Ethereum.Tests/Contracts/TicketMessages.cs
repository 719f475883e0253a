using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace Livepeer.Ethereum.Tests.Contracts;

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

[Function("redeemWinningTicket")]
public sealed class RedeemWinningTicketFunction : FunctionMessage
{
    [Parameter("tuple", "_ticket", 1)] public TicketDto Ticket { get; set; } = new();
    [Parameter("bytes", "_sig", 2)] public byte[] Sig { get; set; } = [];
    [Parameter("uint256", "_recipientRand", 3)] public BigInteger RecipientRand { get; set; }
}

[Function("getTicketHash", "bytes32")]
public sealed class GetTicketHashFunction : FunctionMessage
{
    [Parameter("tuple", "_ticket", 1)] public TicketDto Ticket { get; set; } = new();
}

public sealed class SenderDto
{
    [Parameter("uint256", "deposit", 1)] public BigInteger Deposit { get; set; }
    [Parameter("uint256", "withdrawRound", 2)] public BigInteger WithdrawRound { get; set; }
}

public sealed class ReserveInfoDto
{
    [Parameter("uint256", "fundsRemaining", 1)] public BigInteger FundsRemaining { get; set; }
    [Parameter("uint256", "claimedInCurrentRound", 2)] public BigInteger ClaimedInCurrentRound { get; set; }
}

/// <summary>getSenderInfo's two structs.</summary>
[FunctionOutput]
public sealed class SenderInfoOutput : IFunctionOutputDTO
{
    [Parameter("tuple", "sender", 1)] public SenderDto Sender { get; set; } = new();
    [Parameter("tuple", "reserve", 2)] public ReserveInfoDto Reserve { get; set; } = new();
}
