using System.Numerics;
using Nethereum.RPC.Eth.DTOs;

namespace Livepeer.Ethereum.Transactions;

/// <summary>What a transaction to send does: call <see cref="To"/> (null: create a contract) with <see cref="Data"/> and <see cref="Value"/> wei.</summary>
public sealed record EthereumTransaction(string? To, string Data, BigInteger Value)
{
    /// <summary>A plain ETH transfer.</summary>
    public static EthereumTransaction Transfer(string to, BigInteger value) => new(to, "0x", value);
}

/// <summary>A mined, successful transaction: where it landed, what it cost, its logs, and how many times it was replaced.</summary>
public sealed record EthereumReceipt(
    string TransactionHash,
    long BlockNumber,
    string BlockHash,
    ulong Nonce,
    BigInteger GasUsed,
    BigInteger EffectiveGasPrice,
    string? ContractAddress,
    IReadOnlyList<FilterLog> Logs,
    int Replacements);
