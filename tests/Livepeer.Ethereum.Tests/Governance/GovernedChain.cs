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

namespace Livepeer.Ethereum.Tests.Governance;

/// <summary>
/// A fresh anvil with the whole protocol deployed by <see cref="ProtocolDeployer"/> (core step, then
/// <see cref="GovernanceStep"/> with accounts 7, 8, 9 as verifiers, 2 of 3: <see cref="ProtocolDeployer.FullSteps"/>),
/// handed over to the Treasury. Accounts 1..6
/// hold 10,000 LPT. Rounds are <see cref="RoundLength"/> blocks so a round's transactions never cross into the next.
/// </summary>
internal sealed class GovernedChain : IAsyncDisposable
{
    public const long RoundLength = 100;
    public const long Gas = 3_000_000;
    public static readonly BigInteger Lpt = BigInteger.Pow(10, 18);
    public static readonly int[] Verifiers = [7, 8, 9];

    private readonly AnvilProcess _anvil;
    private readonly ContractArtifacts _artifacts;

    private GovernedChain(AnvilProcess anvil, ContractArtifacts artifacts, DeploymentRecord record, ProtocolParameters parameters)
    {
        _anvil = anvil;
        _artifacts = artifacts;
        Record = record;
        Parameters = parameters;
    }

    public DeploymentRecord Record { get; }
    public ProtocolParameters Parameters { get; }

    public string Address(int account) => new Account(_anvil.PrivateKeys[account]).Address;

    public Uri RpcUrl => _anvil.RpcUrl;

    public string PrivateKey(int account) => _anvil.PrivateKeys[account];

    public static async Task<GovernedChain> StartAsync(ProtocolParameters? parameters = null)
    {
        var anvil = await AnvilProcess.StartAsync();
        try
        {
            var p = parameters ?? ProtocolParameters.Devnet with { RoundLength = RoundLength, VotingDelay = 1, VotingPeriod = 2 };
            var artifacts = ContractArtifacts.Locate();
            string Holder(int i) => new Account(anvil.PrivateKeys[i]).Address;
            var options = new DeploymentOptions
            {
                InitialBalances = Enumerable.Range(1, 6).Select(i => new InitialBalance(Holder(i), 10_000 * Lpt)).ToList(),
            };
            // The whole set as `livepeer contracts deploy --verifier ... --verifier-threshold 2` deploys it: the governance
            // step hands the Controller and the token's admin role to the Treasury.
            var record = await new ProtocolDeployer(anvil.RpcUrl, anvil.PrivateKeys[0], artifacts, p, options,
                ProtocolDeployer.FullSteps(Verifiers.Select(Holder).ToList(), 2)).DeployAsync();
            return new GovernedChain(anvil, artifacts, record, p);
        }
        catch
        {
            await anvil.DisposeAsync();
            throw;
        }
    }

    public Web3 Web3For(int account) => new(new Account(_anvil.PrivateKeys[account], Record.ChainId), _anvil.RpcUrl.ToString());

    public Function Function(int account, string contract, string function) =>
        Web3For(account).Eth.GetContract(_artifacts.Get(contract).Abi, Record.Address(contract)).GetFunction(function);

    /// <summary>Sends a call that must succeed.</summary>
    public async Task<TransactionReceipt> SendAsync(int account, string contract, string function, params object[] args)
    {
        var receipt = await Function(account, contract, function)
            .SendTransactionAndWaitForReceiptAsync(Address(account), new HexBigInteger(Gas), null, null, args);
        Assert.True(receipt.Status.Value == BigInteger.One, $"{contract}.{function} by account {account} reverted: {await RevertReasonAsync(account, contract, function, args)}");
        return receipt;
    }

    /// <summary>
    /// A call that must be refused with <paramref name="reason"/> (a revert string, or a custom error's signature):
    /// eth_call reports it, and the transaction, mined anyway, fails.
    /// </summary>
    public async Task ExpectRevertAsync(string reason, int account, string contract, string function, params object[] args)
    {
        var expected = reason.Contains('(') ? ErrorSelector(reason) : reason;
        var why = await RevertReasonAsync(account, contract, function, args);
        Assert.True(why is not null && why.Contains(expected, StringComparison.OrdinalIgnoreCase),
            $"{contract}.{function}: expected revert '{reason}', got: {why ?? "success"}");
        var receipt = await Function(account, contract, function)
            .SendTransactionAndWaitForReceiptAsync(Address(account), new HexBigInteger(Gas), null, null, args);
        Assert.Equal(BigInteger.Zero, receipt.Status.Value);
    }

    private async Task<string?> RevertReasonAsync(int account, string contract, string function, object[] args)
    {
        try
        {
            await Function(account, contract, function).CallDecodingToDefaultAsync(Address(account), new HexBigInteger(Gas), null, args);
            return null;
        }
        catch (Exception e)
        {
            // A custom error (SmartContractCustomErrorRevertException) carries its selector in the encoded data.
            return $"{e.Message} {e.GetType().GetProperty("ExceptionEncodedData")?.GetValue(e)}";
        }
    }

    private static string ErrorSelector(string signature) => "0x" + Nethereum.Util.Sha3Keccack.Current.CalculateHash(signature)[..8];

    public Task<T> CallAsync<T>(string contract, string function, params object[] args) => Function(0, contract, function).CallAsync<T>(args);

    public async Task<List<object>> CallTupleAsync(string contract, string function, params object[] args) =>
        (await Function(0, contract, function).CallDecodingToDefaultAsync(args)).Select(o => o.Result).ToList();

    public Task<BigInteger> LptBalanceAsync(string address) => CallAsync<BigInteger>("LivepeerToken", "balanceOf", address);

    public async Task<long> CurrentRoundAsync() => (long)await CallAsync<BigInteger>("RoundsManager", "currentRound");

    /// <summary>Mines to one block into round <paramref name="round"/>, so calls and transactions both see that round.</summary>
    public async Task MineToRoundAsync(long round)
    {
        var web3 = Web3For(0);
        var block = (long)(await web3.Eth.Blocks.GetBlockNumber.SendRequestAsync()).Value;
        var target = round * RoundLength + 1;
        Assert.True(block < target, $"already at block {block}, past the start of round {round}");
        await web3.Client.SendRequestAsync<object>("anvil_mine", null, new HexBigInteger(target - block));
        Assert.Equal(round, await CurrentRoundAsync());
    }

    /// <summary>Mines into <paramref name="round"/> and initializes it.</summary>
    public async Task StartRoundAsync(long round)
    {
        await MineToRoundAsync(round);
        await SendAsync(0, "RoundsManager", "initializeRound");
    }

    public async Task BondAsync(int account, BigInteger amount, int to)
    {
        await SendAsync(account, "LivepeerToken", "approve", Record.Address("BondingManager"), amount);
        await SendAsync(account, "BondingManager", "bond", amount, Address(to));
    }

    public ValueTask DisposeAsync() => _anvil.DisposeAsync();
}
