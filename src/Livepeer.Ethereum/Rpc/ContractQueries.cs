using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;
using Nethereum.Contracts.MessageEncodingServices;
using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.RPC.Eth.DTOs;

namespace Livepeer.Ethereum.Rpc;

/// <summary>View calls of typed Nethereum function messages through <see cref="EthereumRpc"/> (so they are retried).</summary>
public static class ContractQueries
{
    /// <summary>Calls <paramref name="function"/> on <paramref name="contract"/> and decodes its single return value.</summary>
    public static async Task<TReturn> QueryAsync<TFunction, TReturn>(this EthereumRpc rpc, string contract, TFunction function, CancellationToken ct = default)
        where TFunction : FunctionMessage, new()
    {
        var output = await rpc.CallAsync(new CallInput(function.GetCallData().ToHex(true), contract), "latest", ct).ConfigureAwait(false);
        return new FunctionMessageEncodingService<TFunction>().DecodeSimpleTypeOutput<TReturn>(output);
    }

    /// <summary>Calls <paramref name="function"/> on <paramref name="contract"/> and decodes its return values into <typeparamref name="TOutput"/>.</summary>
    public static async Task<TOutput> QueryDtoAsync<TFunction, TOutput>(this EthereumRpc rpc, string contract, TFunction function, CancellationToken ct = default)
        where TFunction : FunctionMessage, new()
        where TOutput : IFunctionOutputDTO, new()
    {
        var output = await rpc.CallAsync(new CallInput(function.GetCallData().ToHex(true), contract), "latest", ct).ConfigureAwait(false);
        return new TOutput().DecodeOutput(output);
    }
}
