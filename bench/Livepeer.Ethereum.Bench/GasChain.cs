using System.Numerics;
using Livepeer.Ethereum.Anvil;
using Livepeer.Ethereum.Contracts;
using Livepeer.Ethereum.Deployment;
using Livepeer.Protocol.Parameters;
using Nethereum.Contracts;
using Nethereum.Hex.HexTypes;
using Nethereum.RPC.Eth.DTOs;
using Nethereum.Web3;
using Nethereum.Web3.Accounts;

namespace Livepeer.Ethereum.Bench;

/// <summary>The deployed protocol on a local anvil, with the calls the gas scenarios make and their gasUsed.</summary>
internal sealed class GasChain : IAsyncDisposable
{
    public static readonly BigInteger Lpt = BigInteger.Pow(10, 18);
    public const string Zero = "0x0000000000000000000000000000000000000000";

    private readonly AnvilProcess _anvil;
    private readonly ContractArtifacts _artifacts;
    private readonly Dictionary<int, Web3> _web3 = [];

    private GasChain(AnvilProcess anvil, ContractArtifacts artifacts, DeploymentRecord record, ProtocolParameters parameters)
    {
        _anvil = anvil;
        _artifacts = artifacts;
        Record = record;
        Parameters = parameters;
    }

    public DeploymentRecord Record { get; }
    public ProtocolParameters Parameters { get; }
    public IReadOnlyList<string> Keys => _anvil.PrivateKeys;

    public static async Task<GasChain> StartAsync(int accounts, ProtocolParameters parameters)
    {
        // No history kept: empty blocks are mined faster (gas does not depend on it).
        var anvil = await AnvilProcess.StartAsync(new AnvilOptions { Accounts = accounts, ExtraArguments = ["--prune-history", "1"] });
        var artifacts = ContractArtifacts.Locate();
        var options = new DeploymentOptions
        {
            InitialBalances = anvil.PrivateKeys.Skip(1).Select(k => new InitialBalance(new Account(k).Address, 100_000 * Lpt)).ToList(),
        };
        // The whole set, as `livepeer contracts deploy` makes it: BondingVotes is registered, so the BondingManager
        // checkpoints vote history as Livepeer's deployed one does, and the Treasury receives the reward cut.
        var record = await new ProtocolDeployer(anvil.RpcUrl, anvil.PrivateKeys[0], artifacts, parameters, options, ProtocolDeployer.DefaultSteps).DeployAsync();
        return new GasChain(anvil, artifacts, record, parameters);
    }

    public string Address(int i) => new Account(_anvil.PrivateKeys[i]).Address;

    public Web3 Web3(int i)
    {
        if (!_web3.TryGetValue(i, out var w)) _web3[i] = w = new Web3(new Account(_anvil.PrivateKeys[i], 31337), _anvil.RpcUrl.ToString());
        return w;
    }

    public Function Function(string contract, string function, int account = 0) =>
        Web3(account).Eth.GetContract(_artifacts.Get(contract).Abi, Record.Address(contract)).GetFunction(function);

    /// <summary>Sends a call that must succeed; returns its gasUsed.</summary>
    public async Task<long> SendAsync(int account, string contract, string function, params object[] args) =>
        await SendValueAsync(account, contract, function, BigInteger.Zero, args);

    public async Task<long> SendValueAsync(int account, string contract, string function, BigInteger value, params object[] args)
    {
        var fn = Function(contract, function, account);
        var gas = await fn.EstimateGasAsync(Address(account), null, new HexBigInteger(value), args);
        var receipt = await fn.SendTransactionAndWaitForReceiptAsync(Address(account), new HexBigInteger(gas.Value * 6 / 5), new HexBigInteger(value), null, args);
        return Checked(receipt, $"{contract}.{function}");
    }

    public async Task<long> SendMessageAsync<T>(int account, string contract, T message) where T : FunctionMessage, new()
    {
        var handler = Web3(account).Eth.GetContractTransactionHandler<T>();
        message.Gas = (await handler.EstimateGasAsync(Record.Address(contract), message)).Value * 6 / 5;
        return Checked(await handler.SendRequestAndWaitForReceiptAsync(Record.Address(contract), message), $"{contract}.{typeof(T).Name}");
    }

    private static long Checked(TransactionReceipt receipt, string what)
    {
        if (receipt.Status.Value != BigInteger.One) throw new InvalidOperationException($"{what} reverted");
        return (long)receipt.GasUsed.Value;
    }

    public Task<T> CallAsync<T>(string contract, string function, params object[] args) => Function(contract, function).CallAsync<T>(args);

    public async Task<long> CurrentRoundAsync() => (long)await CallAsync<BigInteger>("RoundsManager", "currentRound");

    /// <summary>Mines to the next round's first block; returns initializeRound's gasUsed.</summary>
    public async Task<long> NextRoundAsync()
    {
        var block = (long)(await Web3(0).Eth.Blocks.GetBlockNumber.SendRequestAsync()).Value;
        // In chunks: one anvil_mine of a whole round can outlast the RPC timeout on a loaded machine.
        for (var left = Parameters.RoundLength - block % Parameters.RoundLength; left > 0; left -= 25)
            await Web3(0).Client.SendRequestAsync<object>("anvil_mine", null, new HexBigInteger(Math.Min(25, left)));
        return await SendAsync(0, "RoundsManager", "initializeRound");
    }

    public async ValueTask DisposeAsync() => await _anvil.DisposeAsync();
}
