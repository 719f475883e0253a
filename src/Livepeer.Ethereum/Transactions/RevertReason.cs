using Nethereum.ABI.FunctionEncoding;
using Nethereum.ABI.Model;
using Nethereum.JsonRpc.Client;
using Newtonsoft.Json.Linq;

namespace Livepeer.Ethereum.Transactions;

/// <summary>Why a call reverted, decoded from its revert data: Solidity's Error(string), Panic(uint256), a custom error's selector, or nothing.</summary>
public sealed record RevertReason(string Text, string? Data)
{
    private const string ErrorSelector = "08c379a0"; // Error(string)
    private const string PanicSelector = "4e487b71"; // Panic(uint256)

    /// <summary>Decodes revert data (0x-hex); empty data is a revert without a reason.</summary>
    public static RevertReason Decode(string? data)
    {
        var hex = (data ?? "").StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? data![2..] : data ?? "";
        if (hex.Length < 8) return new RevertReason("reverted without a reason", data);
        var selector = hex[..8].ToLowerInvariant();
        var payload = "0x" + hex[8..];
        try
        {
            switch (selector)
            {
                case ErrorSelector:
                    return new RevertReason((string)new ParameterDecoder().DecodeDefaultData(payload, new Parameter("string", 1))[0].Result, data);
                case PanicSelector:
                    var code = new ParameterDecoder().DecodeDefaultData(payload, new Parameter("uint256", 1))[0].Result;
                    return new RevertReason($"panic 0x{code:x2}", data);
            }
        }
        catch (Exception e) when (e is ArgumentException or FormatException or IndexOutOfRangeException or InvalidCastException)
        {
            return new RevertReason($"undecodable revert data {data}", data);
        }
        return new RevertReason($"custom error 0x{selector}", data);
    }

    /// <summary>The revert reason in a node's JSON-RPC error (eth_call/eth_estimateGas), or null when the error is not a revert.</summary>
    public static RevertReason? FromRpcError(RpcResponseException e)
    {
        var error = e.RpcError;
        if (error is null) return null;
        var data = HexData(error.Data);
        if (data is not null && data.StartsWith("0x", StringComparison.OrdinalIgnoreCase)) return Decode(data);
        var message = error.Message ?? "";
        const string prefix = "execution reverted";
        if (!message.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) return null;
        var text = message[prefix.Length..].TrimStart(':', ' ');
        return new RevertReason(text.Length == 0 ? "reverted without a reason" : text, null);
    }

    // Nodes put the revert data in error.data, as a string or nested one level deeper ({ data: "0x..." }).
    private static string? HexData(object? data) => data switch
    {
        string s => s,
        JValue v => v.Value as string,
        JObject o => HexData(o["data"]),
        _ => null,
    };
}
