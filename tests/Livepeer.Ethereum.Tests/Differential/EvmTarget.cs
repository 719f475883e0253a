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
    private readonly Dictionary<string, Contract> _contracts = new(StringComparer.Ordinal);
    private readonly List<Proposal> _proposals = [];
    private readonly Dictionary<Address, long> _nonces = [];
    private readonly List<(string Hash, string Function, TaskCompletionSource<TransactionReceipt> Done)> _pending = [];
    private long _head;
    private long _round = -1;

    private sealed record Proposal(string[] Targets, BigInteger[] Values, byte[][] Calldatas, byte[] DescriptionHash);

    private EvmTarget(AnvilProcess anvil, ContractArtifacts artifacts, DeploymentRecord record, long roundLength, long head)
    {
        _anvil = anvil;
        _artifacts = artifacts;
        _record = record;
        _roundLength = roundLength;
        _head = head;
        _reader = new Web3(anvil.RpcUrl.ToString());
    }

    /// <inheritdoc />
    public string Name => "evm";

    /// <summary>Time spent sending calls and reading snapshots (for the test's output).</summary>
    public TimeSpan ApplyTime => _applyTime.Elapsed;

    /// <inheritdoc cref="ApplyTime"/>
    public TimeSpan SnapshotTime => _snapshotTime.Elapsed;

    private readonly System.Diagnostics.Stopwatch _applyTime = new(), _snapshotTime = new(), _mineTime = new(), _advanceTime = new(), _sendTime = new();

    /// <summary>Blocks mined for calls, the time that took, and the time spent mining empty blocks to reach the next round.</summary>
    public string MiningReport => $"{_blocks} blocks with calls in {_mineTime.Elapsed.TotalSeconds:F1} s, {_advanceTime.Elapsed.TotalSeconds:F1} s advancing rounds, {_sendTime.Elapsed.TotalSeconds:F1} s sending";

    private int _blocks;

    /// <summary>Starts anvil and deploys the protocol with <paramref name="genesis"/>'s parameters, balances and verifiers.</summary>
    public static async Task<EvmTarget> StartAsync(GenesisSpec genesis, IReadOnlyList<byte[]> actorSecrets)
    {
        if (genesis.StartBlock != 0) throw new ArgumentException("the contracts count rounds from block 0", nameof(genesis));
        var anvil = await AnvilProcess.StartAsync(new AnvilOptions { Accounts = 1, ExtraArguments = ["--block-base-fee-per-gas", "0", "--gas-price", "0", "--prune-history", "1", "--gas-limit", "2000000000", "--order", "fifo", "--auto-impersonate"] });
        try
        {
            var artifacts = ContractArtifacts.Locate();
            var options = new DeploymentOptions
            {
                InitialBalances = [.. genesis.Allocations.Select(a => new InitialBalance(a.Holder.ToString(), a.Amount.Value))],
            };
            var record = await new ProtocolDeployer(anvil.RpcUrl, anvil.PrivateKeys[0], artifacts, genesis.Parameters, options,
                ProtocolDeployer.FullSteps([.. genesis.Verifiers.Select(v => v.ToString())], genesis.VerifierThreshold)).DeployAsync();

            var admin = new Web3(anvil.RpcUrl.ToString());
            var eth = genesis.Eth.ToDictionary(e => e.Item1, e => e.Item2);
            var signers = new Dictionary<Address, byte[]>();
            foreach (var secret in actorSecrets)
            {
                var account = new Account(secret, record.ChainId);
                var address = Address.Parse(account.Address);
                signers[address] = secret;
                await admin.Client.SendRequestAsync<object>("anvil_setBalance", null, account.Address,
                    new HexBigInteger(eth.TryGetValue(address, out var wei) ? wei.Value : BigInteger.Zero));
            }
            // From here on blocks are mined on demand: a round's calls share a few blocks (rounds count blocks, calls do not).
            await admin.Client.SendRequestAsync<object>("evm_setAutomine", null, false);
            var head = (long)(await admin.Eth.Blocks.GetBlockNumber.SendRequestAsync()).Value;
            var target = new EvmTarget(anvil, artifacts, record, genesis.Parameters.RoundLength, head);
            // The engine needs no approval to bond: every actor approves the BondingManager once, before the first round.
            var approvals = new List<Task<TransactionReceipt>>();
            foreach (var a in signers.Keys)
                approvals.Add(await target.SubmitAsync(a, "LivepeerToken", "approve", [record.Address(ContractNames.BondingManager), UInt256.MaxValue.Value], BigInteger.Zero));
            await target.MineAsync();
            if ((await Task.WhenAll(approvals)).Any(r => r.Status.Value != BigInteger.One)) throw new InvalidOperationException("an approve failed");
            return target;
        }
        catch
        {
            await anvil.DisposeAsync();
            throw;
        }
    }

    /// <summary>The first round the call sequence can start in: the one after the deployment's blocks.</summary>
    public long FirstRound => _head / _roundLength + 1;

    /// <inheritdoc />
    public async Task AdvanceToRoundAsync(long round)
    {
        await MineAsync();
        _advanceTime.Start();
        var start = round * _roundLength;
        if (start - 1 < _head) throw new InvalidOperationException($"round {round} starts at block {start}, the chain is at block {_head}");
        if (start - 1 > _head) await _reader.Client.SendRequestAsync<object>("anvil_mine", null, new HexBigInteger(start - 1 - _head));
        _head = start - 1;
        _round = round;
        _advanceTime.Stop();
    }

    /// <inheritdoc />
    public async Task<Hash> RoundBlockHashAsync(long round)
    {
        if (round <= 0) return Hash.Zero;
        var hash = await Call<byte[]>("RoundsManager", "blockHashForRound", new BigInteger(round));
        if (hash.All(b => b == 0) && _pending.Count > 0)
        {
            // The round's initializeRound may still be pending.
            await MineAsync();
            hash = await Call<byte[]>("RoundsManager", "blockHashForRound", new BigInteger(round));
        }
        return new Hash(hash);
    }

    /// <inheritdoc />
    public async Task<UInt256> PendingStakeAsync(Address account) =>
        U(await Call<BigInteger>("BondingManager", "pendingStake", account.ToString(), new BigInteger(Round())));

    /// <inheritdoc />
    public async Task<Task<CallOutcome>> ApplyAsync(Address caller, ProtocolCall call)
    {
        _applyTime.Start();
        try { return await ApplyCoreAsync(caller, call); }
        finally { _applyTime.Stop(); }
    }

    /// <inheritdoc />
    public async Task FlushAsync()
    {
        _applyTime.Start();
        try { await MineAsync(); }
        finally { _applyTime.Stop(); }
    }

    private async Task<Task<CallOutcome>> ApplyCoreAsync(Address caller, ProtocolCall call)
    {
        switch (call)
        {
            case ProposeCall p:
                // Proposal ids are the hashes of earlier accepted proposals: a proposal is mined at once to know whether it counts.
                return Task.FromResult(Outcome(await ProposeAsync(caller, p)));
            case VoteCall v:
                return (await SubmitAsync(caller, GovernanceStep.LivepeerGovernor, "castVote", [ProposalId(v.ProposalId), (byte)v.Support], BigInteger.Zero))
                    .ContinueWith(t => Outcome(t.Result), TaskScheduler.Default);
            case ExecuteCall e:
                return await QueueAndExecuteAsync(caller, e.ProposalId);
        }
        (string Contract, string Function, object[] Args, BigInteger Value) tx = call switch
        {
            InitializeRoundCall => ("RoundsManager", "initializeRound", [], BigInteger.Zero),
            BondCall c => ("BondingManager", "bond", [c.Amount.Value, c.To.ToString()], BigInteger.Zero),
            BondForCall c => ("BondingManager", "bondForWithHint", [c.Amount.Value, c.Owner.ToString(), c.To.ToString(), Nobody, Nobody, Nobody, Nobody], BigInteger.Zero),
            UnbondCall c => ("BondingManager", "unbond", [c.Amount.Value], BigInteger.Zero),
            RebondCall c => ("BondingManager", "rebond", [new BigInteger(c.UnbondingLockId)], BigInteger.Zero),
            RebondFromUnbondedCall c => ("BondingManager", "rebondFromUnbonded", [c.To.ToString(), new BigInteger(c.UnbondingLockId)], BigInteger.Zero),
            TransferBondCall c => ("BondingManager", "transferBond", [c.Delegator.ToString(), c.Amount.Value, Nobody, Nobody, Nobody, Nobody], BigInteger.Zero),
            WithdrawStakeCall c => ("BondingManager", "withdrawStake", [new BigInteger(c.UnbondingLockId)], BigInteger.Zero),
            WithdrawFeesCall c => ("BondingManager", "withdrawFees", [c.Recipient.ToString(), c.Amount.Value], BigInteger.Zero),
            ClaimEarningsCall c => ("BondingManager", "claimEarnings", [new BigInteger(c.EndRound)], BigInteger.Zero),
            TranscoderUpdateCall c => ("BondingManager", "transcoder", [new BigInteger(c.RewardCut), new BigInteger(c.FeeShare)], BigInteger.Zero),
            RewardCall => ("BondingManager", "reward", [], BigInteger.Zero),
            FundDepositAndReserveCall c => ("TicketBroker", "fundDepositAndReserve", [c.DepositAmount.Value, c.ReserveAmount.Value], c.DepositAmount.Value + c.ReserveAmount.Value),
            FundDepositAndReserveForCall c => ("TicketBroker", "fundDepositAndReserveFor", [c.Sender.ToString(), c.DepositAmount.Value, c.ReserveAmount.Value], c.DepositAmount.Value + c.ReserveAmount.Value),
            UnlockCall => ("TicketBroker", "unlock", [], BigInteger.Zero),
            CancelUnlockCall => ("TicketBroker", "cancelUnlock", [], BigInteger.Zero),
            WithdrawCall => ("TicketBroker", "withdraw", [], BigInteger.Zero),
            RedeemWinningTicketCall c => ("TicketBroker", "redeemWinningTicket", [TicketTuple(c), c.Signature, c.RecipientRand.Value], BigInteger.Zero),
            ReportFailedVerificationCall c => ("Verifier", "reportFailedVerification", [c.Transcoder.ToString(), c.Evidence.ToArray(), c.EvidenceUri], BigInteger.Zero),
            AttestFailedVerificationCall c => ("Verifier", "attestFailedVerification", [c.Transcoder.ToString(), c.Evidence.ToArray()], BigInteger.Zero),
            SlashEquivocationCall c => ("Verifier", "slashEquivocation", [c.Evidence.Orchestrator.ToString(), c.Evidence.ManifestId, new BigInteger(c.Evidence.Seq), c.Evidence.ProfilesHash.ToArray(), Signed(c.Evidence.First), Signed(c.Evidence.Second)], BigInteger.Zero),
            _ => throw new NotSupportedException($"the EVM target does not map {call.GetType().Name}"),
        };
        // The node checks a transaction's value against the sender's balance when it is sent: mine what is pending first.
        if (!tx.Value.IsZero) await MineAsync();
        var mined = await SubmitAsync(caller, tx.Contract, tx.Function, tx.Args, tx.Value);
        return mined.ContinueWith(t => Outcome(t.Result), TaskScheduler.Default);
    }

    private static CallOutcome Outcome(TransactionReceipt receipt) =>
        receipt.Status.Value == BigInteger.One ? CallOutcome.Ok : new CallOutcome(false, "reverted");

    /// <inheritdoc />
    public async Task<ProtocolSnapshot> SnapshotAsync(IReadOnlyList<Address> accounts)
    {
        _snapshotTime.Start();
        try { return await SnapshotCoreAsync(accounts); }
        finally { _snapshotTime.Stop(); }
    }

    private async Task<ProtocolSnapshot> SnapshotCoreAsync(IReadOnlyList<Address> accounts)
    {
        // One JSON-RPC batch for every account's and every global read (a checkpoint is ~100 eth_calls).
        var round = new BigInteger(Round());
        var batch = new ReadBatch(this);
        var rows = accounts.Select(a =>
        {
            var s = a.ToString();
            return (Account: a,
                Stake: batch.Add("BondingManager", "pendingStake", s, round), Fees: batch.Add("BondingManager", "pendingFees", s, round),
                Delegator: batch.Add("BondingManager", "getDelegator", s), Lpt: batch.Add("LivepeerToken", "balanceOf", s),
                Sender: batch.Add("TicketBroker", "getSenderInfo", s), Transcoder: batch.Add("BondingManager", "getTranscoder", s));
        }).ToList();
        var supply = batch.Add("LivepeerToken", "totalSupply");
        var treasury = batch.Add("LivepeerToken", "balanceOf", _record.Address(ContractNames.Treasury));
        var current = batch.Add("BondingManager", "currentRoundTotalActiveStake");
        var next = batch.Add("BondingManager", "nextRoundTotalActiveStake");
        var mintable = batch.Add("Minter", "currentMintableTokens");
        var minted = batch.Add("Minter", "currentMintedTokens");
        await batch.RunAsync();
        var list = new List<AccountSnapshot>();
        var transcoders = new List<TranscoderSnapshot>();
        foreach (var r in rows)
        {
            var dv = batch.Values(r.Delegator);
            var sv = batch.Values(r.Sender);
            var senderFields = (List<Nethereum.ABI.FunctionEncoding.ParameterOutput>)sv[0];
            var reserveFields = (List<Nethereum.ABI.FunctionEncoding.ParameterOutput>)sv[1];
            list.Add(new AccountSnapshot(r.Account, U(batch.Value(r.Stake)), U(batch.Value(r.Fees)), U(dv[0]), U(dv[1]), Address.Parse((string)dv[2]), U(dv[3]),
                L(dv[4]), L(dv[5]), L(dv[6]), U(batch.Value(r.Lpt)), U(senderFields[0].Result), U(reserveFields[0].Result), L(senderFields[1].Result)));
            var tv = batch.Values(r.Transcoder);
            if (!tv.Where((_, i) => i != 3 && i != 5).All(v => ((BigInteger)v).IsZero))
                transcoders.Add(new TranscoderSnapshot(r.Account, L(tv[0]), L(tv[1]), L(tv[2]), L(tv[4]), L(tv[5]), U(tv[6]), U(tv[7]), U(tv[8]), L(tv[9])));
        }
        return new ProtocolSnapshot((long)round, [.. list], [.. transcoders], await PoolAsync(), U(batch.Value(supply)), U(batch.Value(treasury)),
            U(batch.Value(current)), U(batch.Value(next)), U(batch.Value(mintable)), U(batch.Value(minted)));
    }

    /// <summary>View calls collected, sent as one JSON-RPC batch of eth_call, and decoded with each function's ABI.</summary>
    private sealed class ReadBatch(EvmTarget target)
    {
        private readonly List<(Function Function, Nethereum.ABI.Model.FunctionABI Abi, string Data)> _calls = [];
        private static readonly Nethereum.ABI.FunctionEncoding.FunctionCallDecoder Decoder = new();
        private string[] _outputs = [];

        public int Add(string contract, string function, params object[] args)
        {
            var c = target.ContractOf(contract);
            var f = c.GetFunction(function);
            _calls.Add((f, c.ContractBuilder.GetFunctionAbi(function), f.GetData(args)));
            return _calls.Count - 1;
        }

        public async Task RunAsync()
        {
            var body = new System.Text.Json.Nodes.JsonArray([.. _calls.Select((c, i) => (System.Text.Json.Nodes.JsonNode)new System.Text.Json.Nodes.JsonObject
            {
                ["jsonrpc"] = "2.0", ["id"] = i, ["method"] = "eth_call",
                ["params"] = new System.Text.Json.Nodes.JsonArray(new System.Text.Json.Nodes.JsonObject { ["to"] = c.Function.ContractAddress, ["data"] = c.Data }, "latest"),
            })]);
            using var content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
            using var response = await Http.PostAsync(target._anvil.RpcUrl, content);
            response.EnsureSuccessStatusCode();
            var replies = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsArray();
            _outputs = new string[_calls.Count];
            foreach (var reply in replies)
            {
                var id = (int)reply!["id"]!;
                _outputs[id] = (string?)reply["result"] ?? throw new InvalidOperationException($"eth_call {_calls[id].Abi.Name} failed: {reply["error"]}");
            }
        }

        public object Value(int i) => Decoder.DecodeDefaultData(_outputs[i], _calls[i].Abi.OutputParameters)[0].Result;

        public List<object> Values(int i) => [.. Decoder.DecodeDefaultData(_outputs[i], _calls[i].Abi.OutputParameters).Select(o => o.Result)];
    }

    private static readonly HttpClient Http = new();

    /// <summary>One JSON-RPC request on the shared HttpClient (kept-alive connection); returns the whole reply.</summary>
    private async Task<System.Text.Json.Nodes.JsonNode> RpcAsync(string method, System.Text.Json.Nodes.JsonArray parameters)
    {
        var body = new System.Text.Json.Nodes.JsonObject { ["jsonrpc"] = "2.0", ["id"] = 1, ["method"] = method, ["params"] = parameters };
        using var content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        _sendTime.Start();
        try
        {
            using var response = await Http.PostAsync(_anvil.RpcUrl, content);
            response.EnsureSuccessStatusCode();
            return System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        }
        finally { _sendTime.Stop(); }
    }

    /// <summary>Moves LPT between two actors on the chain alone (LivepeerToken.transfer), to show a checkpoint catches it.</summary>
    public async Task TransferLptAsync(Address from, Address to, BigInteger amount)
    {
        var r = await SendAsync(from, "LivepeerToken", "transfer", [to.ToString(), amount]);
        if (r.Status.Value != BigInteger.One) throw new InvalidOperationException($"LivepeerToken.transfer by {from} failed");
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

    /// <summary>A passed proposal is queued in the Treasury and executed (minDelay 0) in the same block: one engine call.</summary>
    private async Task<Task<CallOutcome>> QueueAndExecuteAsync(Address caller, long id)
    {
        if (id < 1 || id > _proposals.Count)
            return (await SubmitAsync(caller, GovernanceStep.LivepeerGovernor, "castVote", [BigInteger.Zero, (byte)1], BigInteger.Zero))
                .ContinueWith(t => Outcome(t.Result), TaskScheduler.Default);
        var p = _proposals[(int)id - 1];
        object[] args = [p.Targets, p.Values, p.Calldatas, p.DescriptionHash];
        var queue = await SubmitAsync(caller, GovernanceStep.LivepeerGovernor, "queue", args, BigInteger.Zero);
        var execute = await SubmitAsync(caller, GovernanceStep.LivepeerGovernor, "execute", args, BigInteger.Zero);
        return Task.WhenAll(queue, execute).ContinueWith(_ => Outcome(queue.Result.Status.Value == BigInteger.One ? execute.Result : queue.Result), TaskScheduler.Default);
    }

    private static object[] Signed(Protocol.Slashing.SignedResult r) => [r.SourceHash.ToArray(), r.ResultHash.ToArray(), r.Signature];

    private static object[] TicketTuple(RedeemWinningTicketCall c)
    {
        var t = c.Ticket;
        byte[] aux = [.. ((UInt256)t.CreationRound).ToBigEndian32(), .. t.CreationRoundBlockHash.ToArray()];
        return [t.Recipient.ToString(), t.Sender.ToString(), t.FaceValue.Value, t.WinProb.Value, t.SenderNonce.Value, t.RecipientRandHash.ToArray(), aux];
    }

    /// <summary>Sends one transaction and mines it at once, after what is pending (setup and proposals).</summary>
    private async Task<TransactionReceipt> SendAsync(Address caller, string contract, string function, object[] args, BigInteger? value = null)
    {
        if (!(value ?? BigInteger.Zero).IsZero) await MineAsync();
        var mined = await SubmitAsync(caller, contract, function, args, value ?? BigInteger.Zero);
        await MineAsync();
        return await mined;
    }

    /// <summary>
    /// Signs and sends one transaction to the pool (automine is off); the inner task completes when <see cref="MineAsync"/>
    /// mines the pool into the next block. A transaction the node refuses outright (its value exceeds the balance) is a
    /// refused call that uses no nonce.
    /// </summary>
    private async Task<Task<TransactionReceipt>> SubmitAsync(Address caller, string contract, string function, object[] args, BigInteger value)
    {
        // anvil runs with --auto-impersonate: the node takes each actor's transaction unsigned (signing with Nethereum
        // cost more than executing the call). Transaction signatures are not part of the rules under test; ticket and
        // evidence signatures are, and they are real.
        var tx = new System.Text.Json.Nodes.JsonObject
        {
            ["from"] = caller.ToString(), ["to"] = _record.Address(contract), ["data"] = ContractOf(contract).GetFunction(function).GetData(args),
            ["value"] = new HexBigInteger(value).HexValue, ["gas"] = Gas.HexValue, ["gasPrice"] = "0x0",
            ["nonce"] = new HexBigInteger(_nonces.GetValueOrDefault(caller)).HexValue,
        };
        var reply = await RpcAsync("eth_sendTransaction", [tx]);
        if (reply["error"] is { } error)
        {
            if (error.ToJsonString().Contains("insufficient funds", StringComparison.OrdinalIgnoreCase)) return Task.FromResult(new TransactionReceipt { Status = new HexBigInteger(0) });
            throw new InvalidOperationException($"{function} was not accepted by the node: {error.ToJsonString()}");
        }
        var hash = (string)reply["result"]!;
        _nonces[caller] = _nonces.GetValueOrDefault(caller) + 1;
        var done = new TaskCompletionSource<TransactionReceipt>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending.Add((hash, function, done));
        return done.Task;
    }

    /// <summary>Mines every pending transaction into one block of the current round and completes their receipts (one eth_getBlockReceipts).</summary>
    private async Task MineAsync()
    {
        if (_pending.Count == 0) return;
        _blocks++;
        _mineTime.Start();
        try { await MineCoreAsync(); }
        finally { _mineTime.Stop(); }
    }

    private async Task MineCoreAsync()
    {
        if (_round >= 0 && (_head + 1) / _roundLength != _round)
            throw new InvalidOperationException($"round {Round()} has no block left for another call; lengthen the rounds of the call sequence");
        await RpcAsync("evm_mine", []);
        _head++;
        var receipts = await _reader.Client.SendRequestAsync<TransactionReceipt[]>("eth_getBlockReceipts", null, new HexBigInteger(_head).HexValue);
        var byHash = receipts.ToDictionary(r => r.TransactionHash, StringComparer.OrdinalIgnoreCase);
        var pending = _pending.ToList();
        _pending.Clear();
        foreach (var (hash, function, done) in pending)
        {
            if (byHash.TryGetValue(hash, out var receipt)) done.SetResult(receipt);
            else done.SetException(new InvalidOperationException($"{function} ({hash}) was not mined in block {_head}"));
        }
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
