using System.Collections.Immutable;
using System.Numerics;
using System.Text;
using Livepeer.Core;
using Livepeer.Core.Crypto;
using Livepeer.Ethereum.Anvil;
using Livepeer.Ethereum.Contracts;
using Livepeer.Ethereum.Deployment;
using Livepeer.Protocol.Calls;
using Livepeer.Protocol.Genesis;
using Livepeer.Protocol.Governance;
using Livepeer.Protocol.Parameters;
using Nethereum.Contracts;
using Nethereum.Hex.HexTypes;
using Nethereum.RPC.Eth.DTOs;
using Nethereum.Web3;
using Nethereum.Web3.Accounts;

namespace Livepeer.Ethereum.Tests.Differential;

/// <summary>
/// The contracts on a fresh anvil as a differential target. Deployed by <see cref="ProtocolDeployer"/> with the
/// governance step and handed over to the Treasury, with the genesis' LPT and ETH. Gas is free (base fee and gas price 0),
/// so ETH balances move only by protocol calls, as in the engine. Every call is one transaction in its own block, and
/// the target mines so that call n of a round lands in the same block number as on the engine: rounds come from blocks.
/// </summary>
public sealed class EvmTarget : IProtocolTarget
{
    private static readonly HexBigInteger Gas = new(10_000_000);
    private static readonly HexBigInteger Zero = new(0);

    private readonly AnvilProcess _anvil;
    private readonly ContractArtifacts _artifacts;
    private readonly DeploymentRecord _record;
    private readonly long _roundLength;
    private readonly Web3 _reader;
    private readonly Dictionary<Address, Web3> _signers;
    private readonly Dictionary<string, Contract> _contracts = new(StringComparer.Ordinal);
    private readonly List<Proposal> _proposals = [];
    private readonly Dictionary<Address, long> _nonces = [];
    private long _head;

    private sealed record Proposal(string[] Targets, BigInteger[] Values, byte[][] Calldatas, byte[] DescriptionHash);

    private EvmTarget(AnvilProcess anvil, ContractArtifacts artifacts, DeploymentRecord record, long roundLength, Dictionary<Address, Web3> signers, long head)
    {
        _anvil = anvil;
        _artifacts = artifacts;
        _record = record;
        _roundLength = roundLength;
        _signers = signers;
        _head = head;
        _reader = new Web3(anvil.RpcUrl.ToString());
    }

    /// <inheritdoc />
    public string Name => "evm";

    /// <summary>Time spent sending calls and reading snapshots (for the test's output).</summary>
    public TimeSpan ApplyTime => _applyTime.Elapsed;

    /// <inheritdoc cref="ApplyTime"/>
    public TimeSpan SnapshotTime => _snapshotTime.Elapsed;

    private readonly System.Diagnostics.Stopwatch _applyTime = new(), _snapshotTime = new();

    /// <summary>Starts anvil and deploys the protocol with <paramref name="genesis"/>'s parameters, balances and verifiers.</summary>
    public static async Task<EvmTarget> StartAsync(GenesisSpec genesis, IReadOnlyList<byte[]> actorSecrets)
    {
        if (genesis.StartBlock != 0) throw new ArgumentException("the contracts count rounds from block 0", nameof(genesis));
        var anvil = await AnvilProcess.StartAsync(new AnvilOptions { Accounts = 1, ExtraArguments = ["--block-base-fee-per-gas", "0", "--gas-price", "0"] });
        try
        {
            var artifacts = ContractArtifacts.Locate();
            var options = new DeploymentOptions
            {
                InitialBalances = [.. genesis.Allocations.Select(a => new InitialBalance(a.Holder.ToString(), a.Amount.Value))],
            };
            var governance = new GovernanceStep([.. genesis.Verifiers.Select(v => v.ToString())], genesis.VerifierThreshold);
            var record = await new ProtocolDeployer(anvil.RpcUrl, anvil.PrivateKeys[0], artifacts, genesis.Parameters, options,
                [new CoreProtocolStep(), governance]).DeployAsync();
            await GovernanceStep.HandOverControllerAsync(anvil.RpcUrl, anvil.PrivateKeys[0], artifacts, record);

            var admin = new Web3(anvil.RpcUrl.ToString());
            var eth = genesis.Eth.ToDictionary(e => e.Item1, e => e.Item2);
            var signers = new Dictionary<Address, Web3>();
            foreach (var secret in actorSecrets)
            {
                var account = new Account(secret, record.ChainId);
                var address = Address.Parse(account.Address);
                signers[address] = new Web3(account, anvil.RpcUrl.ToString());
                await admin.Client.SendRequestAsync<object>("anvil_setBalance", null, account.Address,
                    new HexBigInteger(eth.TryGetValue(address, out var wei) ? wei.Value : BigInteger.Zero));
            }
            var head = (long)(await admin.Eth.Blocks.GetBlockNumber.SendRequestAsync()).Value;
            var target = new EvmTarget(anvil, artifacts, record, genesis.Parameters.RoundLength, signers, head);
            // The engine needs no approval to bond: every actor approves the BondingManager once, before round 1.
            foreach (var a in signers.Keys)
            {
                var r = await target.SendAsync(a, "LivepeerToken", "approve", [record.Address(ContractNames.BondingManager), UInt256.MaxValue.Value]);
                if (r.Status.Value != BigInteger.One) throw new InvalidOperationException($"approve by {a} failed");
            }
            if (target._head >= genesis.Parameters.RoundLength - 1)
                throw new InvalidOperationException($"the deployment took {target._head} blocks, more than round 0 has: lengthen the rounds");
            return target;
        }
        catch
        {
            await anvil.DisposeAsync();
            throw;
        }
    }

    /// <inheritdoc />
    public async Task AdvanceToRoundAsync(long round)
    {
        var start = round * _roundLength;
        if (start - 1 < _head) throw new InvalidOperationException($"round {round} starts at block {start}, the chain is at block {_head}");
        if (start - 1 > _head) await _reader.Client.SendRequestAsync<object>("anvil_mine", null, new HexBigInteger(start - 1 - _head));
        _head = start - 1;
    }

    /// <inheritdoc />
    public async Task<Hash> RoundBlockHashAsync(long round) =>
        round <= 0 ? Hash.Zero : new Hash(await Call<byte[]>("RoundsManager", "blockHashForRound", new BigInteger(round)));

    /// <inheritdoc />
    public async Task<UInt256> PendingStakeAsync(Address account) =>
        U(await Call<BigInteger>("BondingManager", "pendingStake", account.ToString(), new BigInteger(Round())));

    /// <inheritdoc />
    public async Task<CallOutcome> ApplyAsync(Address caller, ProtocolCall call)
    {
        _applyTime.Start();
        try { return await ApplyCoreAsync(caller, call); }
        finally { _applyTime.Stop(); }
    }

    private async Task<CallOutcome> ApplyCoreAsync(Address caller, ProtocolCall call)
    {
        if ((_head + 1) / _roundLength != (_head + 2) / _roundLength)
            throw new InvalidOperationException($"round {Round()} has no block left for another call; shorten the rounds of the call sequence");
        TransactionReceipt receipt = call switch
        {
            InitializeRoundCall => await SendAsync(caller, "RoundsManager", "initializeRound", []),
            BondCall c => await SendAsync(caller, "BondingManager", "bond", [c.Amount.Value, c.To.ToString()]),
            BondForCall c => await SendAsync(caller, "BondingManager", "bondForWithHint",
                [c.Amount.Value, c.Owner.ToString(), c.To.ToString(), Nobody, Nobody, Nobody, Nobody]),
            UnbondCall c => await SendAsync(caller, "BondingManager", "unbond", [c.Amount.Value]),
            RebondCall c => await SendAsync(caller, "BondingManager", "rebond", [new BigInteger(c.UnbondingLockId)]),
            RebondFromUnbondedCall c => await SendAsync(caller, "BondingManager", "rebondFromUnbonded", [c.To.ToString(), new BigInteger(c.UnbondingLockId)]),
            TransferBondCall c => await SendAsync(caller, "BondingManager", "transferBond", [c.Delegator.ToString(), c.Amount.Value, Nobody, Nobody, Nobody, Nobody]),
            WithdrawStakeCall c => await SendAsync(caller, "BondingManager", "withdrawStake", [new BigInteger(c.UnbondingLockId)]),
            WithdrawFeesCall c => await SendAsync(caller, "BondingManager", "withdrawFees", [c.Recipient.ToString(), c.Amount.Value]),
            ClaimEarningsCall c => await SendAsync(caller, "BondingManager", "claimEarnings", [new BigInteger(c.EndRound)]),
            TranscoderUpdateCall c => await SendAsync(caller, "BondingManager", "transcoder", [new BigInteger(c.RewardCut), new BigInteger(c.FeeShare)]),
            RewardCall => await SendAsync(caller, "BondingManager", "reward", []),
            FundDepositAndReserveCall c => await SendAsync(caller, "TicketBroker", "fundDepositAndReserve",
                [c.DepositAmount.Value, c.ReserveAmount.Value], c.DepositAmount.Value + c.ReserveAmount.Value),
            FundDepositAndReserveForCall c => await SendAsync(caller, "TicketBroker", "fundDepositAndReserveFor",
                [c.Sender.ToString(), c.DepositAmount.Value, c.ReserveAmount.Value], c.DepositAmount.Value + c.ReserveAmount.Value),
            UnlockCall => await SendAsync(caller, "TicketBroker", "unlock", []),
            CancelUnlockCall => await SendAsync(caller, "TicketBroker", "cancelUnlock", []),
            WithdrawCall => await SendAsync(caller, "TicketBroker", "withdraw", []),
            RedeemWinningTicketCall c => await SendAsync(caller, "TicketBroker", "redeemWinningTicket", [TicketTuple(c), c.Signature, c.RecipientRand.Value]),
            ReportFailedVerificationCall c => await SendAsync(caller, "Verifier", "reportFailedVerification",
                [c.Transcoder.ToString(), c.Evidence.ToArray(), c.EvidenceUri]),
            AttestFailedVerificationCall c => await SendAsync(caller, "Verifier", "attestFailedVerification", [c.Transcoder.ToString(), c.Evidence.ToArray()]),
            SlashEquivocationCall c => await SendAsync(caller, "Verifier", "slashEquivocation",
                [c.Evidence.Orchestrator.ToString(), c.Evidence.ManifestId, new BigInteger(c.Evidence.Seq), c.Evidence.ProfilesHash.ToArray(),
                 Signed(c.Evidence.First), Signed(c.Evidence.Second)]),
            ProposeCall c => await ProposeAsync(caller, c),
            VoteCall c => await SendAsync(caller, GovernanceStep.LivepeerGovernor, "castVote",
                [ProposalId(c.ProposalId), (byte)c.Support]),
            ExecuteCall c => await QueueAndExecuteAsync(caller, c.ProposalId),
            _ => throw new NotSupportedException($"the EVM target does not map {call.GetType().Name}"),
        };
        return receipt.Status.Value == BigInteger.One ? CallOutcome.Ok : new CallOutcome(false, "reverted");
    }

    /// <inheritdoc />
    public async Task<ProtocolSnapshot> SnapshotAsync(IReadOnlyList<Address> accounts)
    {
        _snapshotTime.Start();
        try { return await SnapshotCoreAsync(accounts); }
        finally { _snapshotTime.Stop(); }
    }

    private async Task<ProtocolSnapshot> SnapshotCoreAsync(IReadOnlyList<Address> accounts)
    {
        var round = Round();
        var accountTasks = accounts.Select(async a =>
        {
            var s = a.ToString();
            var stake = Call<BigInteger>("BondingManager", "pendingStake", s, new BigInteger(round));
            var fees = Call<BigInteger>("BondingManager", "pendingFees", s, new BigInteger(round));
            var d = CallTuple("BondingManager", "getDelegator", s);
            var lpt = Call<BigInteger>("LivepeerToken", "balanceOf", s);
            var sender = CallTuple("TicketBroker", "getSenderInfo", s);
            var t = CallTuple("BondingManager", "getTranscoder", s);
            var dv = await d;
            var sv = await sender;
            var senderFields = (List<Nethereum.ABI.FunctionEncoding.ParameterOutput>)sv[0];
            var reserveFields = (List<Nethereum.ABI.FunctionEncoding.ParameterOutput>)sv[1];
            var account = new AccountSnapshot(a, U(await stake), U(await fees), U(dv[0]), U(dv[1]), Address.Parse((string)dv[2]), U(dv[3]),
                L(dv[4]), L(dv[5]), L(dv[6]), U(await lpt), U(senderFields[0].Result), U(reserveFields[0].Result), L(senderFields[1].Result));
            var tv = await t;
            var transcoder = new TranscoderSnapshot(a, L(tv[0]), L(tv[1]), L(tv[2]), L(tv[4]), L(tv[5]), U(tv[6]), U(tv[7]), U(tv[8]), L(tv[9]));
            var empty = tv.Where((_, i) => i != 3 && i != 5).All(v => ((BigInteger)v).IsZero);
            return (account, transcoder: empty ? null : transcoder);
        }).ToList();
        var poolTask = PoolAsync();
        var supply = Call<BigInteger>("LivepeerToken", "totalSupply");
        var treasury = Call<BigInteger>("LivepeerToken", "balanceOf", _record.Address(ContractNames.Treasury));
        var current = Call<BigInteger>("BondingManager", "currentRoundTotalActiveStake");
        var next = Call<BigInteger>("BondingManager", "nextRoundTotalActiveStake");
        var mintable = Call<BigInteger>("Minter", "currentMintableTokens");
        var minted = Call<BigInteger>("Minter", "currentMintedTokens");
        var rows = await Task.WhenAll(accountTasks);
        return new ProtocolSnapshot(round, [.. rows.Select(r => r.account)], [.. rows.Where(r => r.transcoder is not null).Select(r => r.transcoder!)],
            await poolTask, U(await supply), U(await treasury), U(await current), U(await next), U(await mintable), U(await minted));
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await _anvil.DisposeAsync();

    private static readonly string Nobody = Nethereum.Util.AddressUtil.ZERO_ADDRESS;

    private long Round() => (_head + 1) / _roundLength;

    private async Task<ImmutableArray<(Address, UInt256)>> PoolAsync()
    {
        var pool = ImmutableArray.CreateBuilder<(Address, UInt256)>();
        var t = await Call<string>("BondingManager", "getFirstTranscoderInPool");
        while (!Address.Parse(t).IsZero)
        {
            pool.Add((Address.Parse(t), U(await Call<BigInteger>("BondingManager", "transcoderTotalStake", t))));
            t = await Call<string>("BondingManager", "getNextTranscoderInPool", t);
        }
        return pool.ToImmutable();
    }

    private async Task<TransactionReceipt> ProposeAsync(Address caller, ProposeCall c)
    {
        var actions = c.Actions.Select(Action).ToList();
        var targets = actions.Select(a => a.Target).ToArray();
        var values = actions.Select(_ => BigInteger.Zero).ToArray();
        var calldatas = actions.Select(a => a.Data).ToArray();
        var receipt = await SendAsync(caller, GovernanceStep.LivepeerGovernor, "propose", [targets, values, calldatas, c.Description]);
        if (receipt.Status.Value == BigInteger.One)
            _proposals.Add(new Proposal(targets, values, calldatas, Keccak256.Hash(Encoding.UTF8.GetBytes(c.Description)).ToArray()));
        return receipt;
    }

    private (string Target, byte[] Data) Action(ProposalAction action) => action switch
    {
        ParameterChange { Name: ParameterName.UnbondingPeriod } p => Encode(ContractNames.BondingManager, "setUnbondingPeriod", (ulong)p.Value),
        ParameterChange { Name: ParameterName.NumActiveTranscoders } p => Encode(ContractNames.BondingManager, "setNumActiveTranscoders", p.Value.Value),
        ParameterChange { Name: ParameterName.TreasuryRewardCutRate } p => Encode(ContractNames.BondingManager, "setTreasuryRewardCutRate", p.Value.Value),
        TreasurySpend s => Encode(ContractNames.LivepeerToken, "transfer", s.Recipient.ToString(), s.Amount.Value),
        _ => throw new NotSupportedException($"the EVM target does not map the proposal action {action}"),
    };

    private (string, byte[]) Encode(string contract, string function, params object[] args) =>
        (_record.Address(contract), Nethereum.Hex.HexConvertors.Extensions.HexByteConvertorExtensions.HexToByteArray(ContractOf(contract).GetFunction(function).GetData(args)));

    private BigInteger ProposalId(long id) => id >= 1 && id <= _proposals.Count ? Hashed(_proposals[(int)id - 1]) : BigInteger.Zero;

    private static BigInteger Hashed(Proposal p)
    {
        var encoded = new Nethereum.ABI.ABIEncode().GetABIEncoded(
            new Nethereum.ABI.ABIValue("address[]", p.Targets), new Nethereum.ABI.ABIValue("uint256[]", p.Values),
            new Nethereum.ABI.ABIValue("bytes[]", p.Calldatas), new Nethereum.ABI.ABIValue("bytes32", p.DescriptionHash));
        return new BigInteger(Keccak256.Hash(encoded).ToArray(), isUnsigned: true, isBigEndian: true);
    }

    /// <summary>A passed proposal is queued in the Treasury and executed (minDelay 0) in the same block: one engine call, one block.</summary>
    private async Task<TransactionReceipt> QueueAndExecuteAsync(Address caller, long id)
    {
        if (id < 1 || id > _proposals.Count) return await SendAsync(caller, GovernanceStep.LivepeerGovernor, "castVote", [BigInteger.Zero, (byte)1]);
        var p = _proposals[(int)id - 1];
        object[] args = [p.Targets, p.Values, p.Calldatas, p.DescriptionHash];
        await _reader.Client.SendRequestAsync<object>("evm_setAutomine", null, false);
        string queue, execute;
        try
        {
            queue = await SendOnlyAsync(caller, GovernanceStep.LivepeerGovernor, "queue", args, BigInteger.Zero, nonceOffset: 0);
            execute = await SendOnlyAsync(caller, GovernanceStep.LivepeerGovernor, "execute", args, BigInteger.Zero, nonceOffset: 0);
            await _reader.Client.SendRequestAsync<object>("evm_mine", null);
        }
        finally
        {
            await _reader.Client.SendRequestAsync<object>("evm_setAutomine", null, true);
        }
        _head++;
        var q = await ReceiptAsync(queue);
        var e = await ReceiptAsync(execute);
        return q.Status.Value == BigInteger.One ? e : q;
    }

    private static object[] Signed(Protocol.Slashing.SignedResult r) => [r.SourceHash.ToArray(), r.ResultHash.ToArray(), r.Signature];

    private static object[] TicketTuple(RedeemWinningTicketCall c)
    {
        var t = c.Ticket;
        byte[] aux = [.. ((UInt256)t.CreationRound).ToBigEndian32(), .. t.CreationRoundBlockHash.ToArray()];
        return [t.Recipient.ToString(), t.Sender.ToString(), t.FaceValue.Value, t.WinProb.Value, t.SenderNonce.Value, t.RecipientRandHash.ToArray(), aux];
    }

    private async Task<TransactionReceipt> SendAsync(Address caller, string contract, string function, object[] args, BigInteger? value = null)
    {
        string hash;
        try
        {
            hash = await SendOnlyAsync(caller, contract, function, args, value ?? BigInteger.Zero, nonceOffset: 0);
        }
        catch (Nethereum.JsonRpc.Client.RpcResponseException e) when (e.Message.Contains("Insufficient funds", StringComparison.Ordinal))
        {
            // The node refuses to mine a transaction whose value exceeds the balance: refused, and its block stays empty.
            await _reader.Client.SendRequestAsync<object>("anvil_mine", null, new HexBigInteger(1));
            _head++;
            return new TransactionReceipt { Status = new HexBigInteger(0), BlockNumber = new HexBigInteger(_head) };
        }
        _head++;
        var receipt = await ReceiptAsync(hash);
        if ((long)receipt.BlockNumber.Value != _head) throw new InvalidOperationException($"{function} was mined in block {receipt.BlockNumber.Value}, expected {_head}");
        return receipt;
    }

    private async Task<string> SendOnlyAsync(Address caller, string contract, string function, object[] args, BigInteger value, int nonceOffset)
    {
        var input = new TransactionInput(ContractOf(contract).GetFunction(function).GetData(args), _record.Address(contract), caller.ToString(),
            Gas, Zero, new HexBigInteger(value))
        {
            Type = new HexBigInteger(0),
            Nonce = new HexBigInteger(_nonces.GetValueOrDefault(caller) + nonceOffset),
        };
        var hash = await _signers[caller].Eth.TransactionManager.SendTransactionAsync(input);
        _nonces[caller] = _nonces.GetValueOrDefault(caller) + nonceOffset + 1;
        return hash;
    }

    /// <summary>The receipt, which anvil's automine makes available right after the send (or after evm_mine).</summary>
    private async Task<TransactionReceipt> ReceiptAsync(string hash)
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            if (await _reader.Eth.Transactions.GetTransactionReceipt.SendRequestAsync(hash) is { } receipt) return receipt;
            await Task.Delay(5);
        }
        var pending = await _reader.Client.SendRequestAsync<object>("txpool_content", null);
        throw new InvalidOperationException($"transaction {hash} was not mined; pool: {pending}");
    }

    private Contract ContractOf(string name)
    {
        if (!_contracts.TryGetValue(name, out var c))
            _contracts[name] = c = _reader.Eth.GetContract(_artifacts.Get(name).Abi, _record.Address(name));
        return c;
    }

    private Task<T> Call<T>(string contract, string function, params object[] args) => ContractOf(contract).GetFunction(function).CallAsync<T>(args);

    private async Task<List<object>> CallTuple(string contract, string function, params object[] args) =>
        (await ContractOf(contract).GetFunction(function).CallDecodingToDefaultAsync(args)).Select(o => o.Result).ToList();

    private static UInt256 U(object v) => new((BigInteger)v);

    private static long L(object v) => (BigInteger)v >= long.MaxValue ? long.MaxValue : (long)(BigInteger)v;
}
