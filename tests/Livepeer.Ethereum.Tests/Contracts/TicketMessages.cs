using Livepeer.Ethereum.Chain.Messages;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace Livepeer.Ethereum.Tests.Contracts;

/// <summary>getTicketHash(ticket): a view the nodes do not need, so the client's messages do not have it.</summary>
[Function("getTicketHash", "bytes32")]
public sealed class GetTicketHashFunction : FunctionMessage
{
    [Parameter("tuple", "_ticket", 1)] public TicketStruct Ticket { get; set; } = new();
}
