using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;
using Nethereum.Hex.HexConvertors.Extensions;

namespace Livepeer.Ethereum.Tests.TestContracts;

[Function("ping")]
public sealed class PingFunction : FunctionMessage
{
    [Parameter("uint256", "n", 1)] public BigInteger N { get; set; }
}

[Function("fail")]
public sealed class FailFunction : FunctionMessage
{
    [Parameter("string", "reason", 1)] public string Reason { get; set; } = "";
}

[Function("initializeOnce")]
public sealed class InitializeOnceFunction : FunctionMessage;

[Event("Ping")]
public sealed class PingEvent : IEventDTO
{
    [Parameter("uint256", "n", 1, true)] public BigInteger N { get; set; }
    [Parameter("address", "from", 2, true)] public string From { get; set; } = "";
}

public static class CallData
{
    /// <summary>The 0x-hex call data of a typed function message.</summary>
    public static string Of<T>(T message) where T : FunctionMessage, new() => message.GetCallData().ToHex(true);
}
