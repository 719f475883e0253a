using System.Numerics;
using Livepeer.Ethereum.Anvil;
using Livepeer.Ethereum.Contracts;
using Livepeer.Ethereum.Deployment;
using Livepeer.Protocol.Parameters;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;
using Nethereum.Hex.HexTypes;
using Nethereum.RPC.Eth.DTOs;
using Nethereum.Web3;
using Nethereum.Web3.Accounts;

namespace Livepeer.Ethereum.Tests.Contracts;

/// <summary>A fresh anvil with the protocol deployed (Devnet parameters), and the calls tests make on it as any dev account.</summary>
internal sealed class DeployedProtocol : IAsyncDisposable
{
    public static readonly BigInteger Lpt = BigInteger.Pow(10, 18);
    public const long Gas = 3_000_000;

    private readonly AnvilProcess _anvil;
    private readonly ContractArtifacts _artifacts;

    private DeployedProtocol(AnvilProcess anvil, ContractArtifacts artifacts, DeploymentRecord record, ProtocolParameters parameters)
    {
        _anvil = anvil;
        _artifacts = artifacts;
        Record = record;
        Parameters = parameters;
    }

    public DeploymentRecord Record { get; }
    public ProtocolParameters Parameters { get; }
    public Uri RpcUrl => _anvil.RpcUrl;
    public IReadOnlyList<string> Keys => _anvil.PrivateKeys;

    /// <summary>The address of dev account <paramref name="i"/>.</summary>
    public string Address(int i) => new Account(_anvil.PrivateKeys[i]).Address;

    /// <summary>
    /// Starts anvil and deploys; accounts 1..8 get 1,000 LPT each. Core only: account 9 is the Verifier and account 0
    /// keeps the Controller. With <paramref name="governance"/>: the whole set (BondingVotes, LivepeerGovernor, Treasury,
    /// the Verifier contract with accounts 7, 8, 9 appointed, 2 of 3), handed to the Treasury.
    /// </summary>
    public static async Task<DeployedProtocol> StartAsync(ProtocolParameters? parameters = null, bool governance = false)
    {
        var anvil = await AnvilProcess.StartAsync();
        try
        {
            var artifacts = ContractArtifacts.Locate();
            var p = parameters ?? ProtocolParameters.Devnet;
            var options = new DeploymentOptions
            {
                InitialBalances = Enumerable.Range(1, 8).Select(i => new InitialBalance(new Account(anvil.PrivateKeys[i]).Address, 1000 * Lpt)).ToList(),
                Verifier = governance ? null : new Account(anvil.PrivateKeys[9]).Address,
            };
            var steps = governance
                ? ProtocolDeployer.FullSteps([.. new[] { 7, 8, 9 }.Select(i => new Account(anvil.PrivateKeys[i]).Address)], 2)
                : ProtocolDeployer.CoreOnlySteps;
            var record = await new ProtocolDeployer(anvil.RpcUrl, anvil.PrivateKeys[0], artifacts, p, options, steps).DeployAsync();
            return new DeployedProtocol(anvil, artifacts, record, p);
        }
        catch
        {
            await anvil.DisposeAsync();
            throw;
        }
    }

    public Web3 Web3(int account) => new(new Account(_anvil.PrivateKeys[account], 31337), _anvil.RpcUrl.ToString());

    public Function Function(string contract, string function, int account = 0) =>
        Web3(account).Eth.GetContract(_artifacts.Get(contract).Abi, Record.Address(contract)).GetFunction(function);

    /// <summary>Sends a call that must succeed.</summary>
    public async Task<TransactionReceipt> SendAsync(int account, string contract, string function, params object[] args) =>
        await SendValueAsync(account, contract, function, BigInteger.Zero, args);

    public async Task<TransactionReceipt> SendValueAsync(int account, string contract, string function, BigInteger value, params object[] args)
    {
        var receipt = await Function(contract, function, account).SendTransactionAndWaitForReceiptAsync(
            Address(account), new HexBigInteger(Gas), new HexBigInteger(value), null, args);
        Assert.True(receipt.Status.Value == BigInteger.One, $"{contract}.{function} by account {account} reverted: {await RevertReasonAsync(account, contract, function, value, args)}");
        return receipt;
    }

    /// <summary>
    /// A call that must be refused: eth_call reports <paramref name="reason"/>, and the transaction, mined anyway with
    /// a fixed gas limit, fails.
    /// </summary>
    public async Task ExpectRevertAsync(string reason, int account, string contract, string function, params object[] args) =>
        await ExpectRevertWithValueAsync(reason, account, contract, function, BigInteger.Zero, args);

    public async Task ExpectRevertWithValueAsync(string reason, int account, string contract, string function, BigInteger value, params object[] args)
    {
        var why = await RevertReasonAsync(account, contract, function, value, args);
        Assert.True(why is not null && why.Contains(reason, StringComparison.Ordinal), $"{contract}.{function}: expected revert '{reason}', got: {why ?? "success"}");
        var receipt = await Function(contract, function, account).SendTransactionAndWaitForReceiptAsync(
            Address(account), new HexBigInteger(Gas), new HexBigInteger(value), null, args);
        Assert.Equal(BigInteger.Zero, receipt.Status.Value);
    }

    private async Task<string?> RevertReasonAsync(int account, string contract, string function, BigInteger value, object[] args)
    {
        try
        {
            await Function(contract, function, account).CallAsync<bool>(Address(account), new HexBigInteger(Gas), new HexBigInteger(value), args);
            return null;
        }
        catch (Exception e)
        {
            // A custom error (Nethereum's SmartContractCustomErrorRevertException) carries its selector in the encoded data.
            return $"{e.Message} {e.GetType().GetProperty("ExceptionEncodedData")?.GetValue(e)}";
        }
    }

    /// <summary>The 4-byte selector (0x-hex) of a custom error, as a revert carries it.</summary>
    public static string ErrorSelector(string signature) => "0x" + Nethereum.Util.Sha3Keccack.Current.CalculateHash(signature)[..8];

    public Task<T> CallAsync<T>(string contract, string function, params object[] args) => Function(contract, function).CallAsync<T>(args);

    public Task<TOut> CallDtoAsync<TOut>(string contract, string function, params object[] args) where TOut : IFunctionOutputDTO, new() =>
        Function(contract, function).CallDeserializingToObjectAsync<TOut>(args);

    public async Task<long> CurrentRoundAsync() => (long)await CallAsync<BigInteger>("RoundsManager", "currentRound");

    /// <summary>Mines to the first block of the next round and initializes it.</summary>
    public async Task NextRoundAsync()
    {
        var web3 = Web3(0);
        var block = (long)(await web3.Eth.Blocks.GetBlockNumber.SendRequestAsync()).Value;
        var toMine = Parameters.RoundLength - block % Parameters.RoundLength;
        await web3.Client.SendRequestAsync<object>("anvil_mine", null, new HexBigInteger(toMine));
        await SendAsync(0, "RoundsManager", "initializeRound");
    }

    public async Task ApproveAndBondAsync(int account, BigInteger amount, int to)
    {
        await SendAsync(account, "LivepeerToken", "approve", Record.Address("BondingManager"), amount);
        await SendAsync(account, "BondingManager", "bond", amount, Address(to));
    }

    public async ValueTask DisposeAsync() => await _anvil.DisposeAsync();
}
