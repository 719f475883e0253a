using System.Collections.Immutable;
using System.Numerics;
using Livepeer.Chain.Client;
using Livepeer.Core;
using Livepeer.Core.Crypto;
using Livepeer.Ethereum.Blocks;
using Livepeer.Ethereum.Chain.Messages;
using Livepeer.Ethereum.Deployment;
using Livepeer.Ethereum.Networks;
using Livepeer.Ethereum.Rpc;
using Livepeer.Ethereum.Transactions;
using Livepeer.Protocol.Bonding;
using Livepeer.Protocol.Calls;
using Livepeer.Protocol.Engine;
using Livepeer.Protocol.Governance;
using Livepeer.Protocol.Parameters;
using Livepeer.Protocol.Slashing;
using Livepeer.Protocol.TicketBroker;
using Livepeer.Protocol.Views;
using Nethereum.Contracts;
using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.RPC.Eth.DTOs;
using Nethereum.Util;

namespace Livepeer.Ethereum.Chain;

/// <summary>
/// <see cref="ILivepeerChain"/> over Livepeer's contracts on an EVM chain, found through the network's Controller.
/// Reads are view calls; writes go through a <see cref="TransactionSender"/> (chain-id guard, gas cap, nonces,
/// replacement, revert reasons as the protocol's refusals). Verification goes through the Verifier contract, governance
/// through LivepeerGovernor (its Treasury timelock executes) when the Controller has them registered.
/// </summary>
public sealed class EthereumChain : ILivepeerChain, IDisposable
{

    private readonly EthereumRpc _rpc;
    private readonly TransactionSender? _sender;
    private readonly IBlockNumberSource _blocks;
    private readonly IReadOnlyDictionary<string, Address> _contracts;

    private EthereumChain(EthereumRpc rpc, EthereumNetwork network, TransactionSender? sender, IReadOnlyDictionary<string, Address> contracts)
    {
        _rpc = rpc;
        Network = network;
        _sender = sender;
        _contracts = contracts;
        _blocks = BlockNumberSources.For(network.Clock, rpc);
        Account = sender is null ? null : Address.Parse(sender.Account);
    }

    /// <summary>
    /// Connects to <paramref name="rpc"/>: refuses an endpoint on another chain than <paramref name="network"/>'s, then
    /// finds the contracts through its Controller. With <paramref name="key"/> null the client only reads.
    /// </summary>
    public static async Task<EthereumChain> ConnectAsync(EthereumRpc rpc, EthereumNetwork network, PrivateKey? key, GasPolicy? policy = null, CancellationToken ct = default)
    {
        var actual = await rpc.ChainIdAsync(ct).ConfigureAwait(false);
        if (actual != network.ChainId) throw new WrongChainException(network.ChainId, actual, rpc.Url);
        var controller = network.Controller ?? throw new NetworkConfigurationException($"Network '{network.Name}' has no Controller: give --eth-controller ADDRESS.");
        var contracts = new Dictionary<string, Address>(await ContractRegistry.ResolveAllAsync(rpc, controller, ContractRegistry.NodeContracts, ct).ConfigureAwait(false));
        foreach (var name in OptionalContracts) // governance and verification: a deployment may lack them
            if (await ContractRegistry.ResolveAsync(rpc, controller, name, ct).ConfigureAwait(false) is { } address) contracts[name] = address;
        var sender = key is null ? null : new TransactionSender(rpc, key, network.ChainId, policy);
        return new EthereumChain(rpc, network, sender, contracts);
    }

    private static readonly string[] OptionalContracts = [ContractNames.Verifier, GovernanceStep.LivepeerGovernor, ContractNames.BondingVotes, ContractNames.Treasury];

    /// <summary>The network this client was told.</summary>
    public EthereumNetwork Network { get; }

    /// <summary>The endpoint it speaks to (for event followers that share it).</summary>
    public EthereumRpc Rpc => _rpc;

    /// <inheritdoc />
    public Address? Account { get; }

    /// <summary>The address of a node contract (BondingManager, RoundsManager, TicketBroker, Minter, LivepeerToken, ServiceRegistry).</summary>
    public Address ContractAddress(string name) => _contracts[name];

    private string C(string name) => _contracts.TryGetValue(name, out var a) ? a.ToString()
        : throw new ChainTransactionException("NotSupported", $"The Controller on {Network.Name} has no {name} registered, so this call is not available there.");

    private Task<T> Query<TFunction, T>(string contract, TFunction function, CancellationToken ct) where TFunction : FunctionMessage, new() =>
        _rpc.QueryAsync<TFunction, T>(C(contract), function, ct);

    private async Task<long> QueryLong<TFunction>(string contract, TFunction function, CancellationToken ct) where TFunction : FunctionMessage, new() =>
        (long)await Query<TFunction, BigInteger>(contract, function, ct).ConfigureAwait(false);

    private async Task<UInt256> QueryAmount<TFunction>(string contract, TFunction function, CancellationToken ct) where TFunction : FunctionMessage, new() =>
        new(await Query<TFunction, BigInteger>(contract, function, ct).ConfigureAwait(false));

    // Chain

    /// <summary>The protocol's block number (on Arbitrum the L1 block, as contracts see it).</summary>
    public Task<long> BlockNumberAsync(CancellationToken ct = default) => _blocks.CurrentAsync(ct);

    /// <inheritdoc />
    public async Task<ProtocolParameters> GetParametersAsync(CancellationToken ct = default)
    {
        // Independent view calls, sent at once: nodes re-read these every block.
        var roundLength = QueryLong("RoundsManager", new RoundLengthFunction(), ct);
        var roundLock = QueryLong("RoundsManager", new RoundLockAmountFunction(), ct);
        var active = QueryLong("BondingManager", new GetTranscoderPoolMaxSizeFunction(), ct);
        var unbonding = QueryLong("BondingManager", new UnbondingPeriodFunction(), ct);
        var unlock = QueryLong("TicketBroker", new UnlockPeriodFunction(), ct);
        var validity = QueryLong("TicketBroker", new TicketValidityPeriodFunction(), ct);
        var inflation = QueryLong("Minter", new InflationFunction(), ct);
        var inflationChange = QueryLong("Minter", new InflationChangeFunction(), ct);
        var target = QueryLong("Minter", new TargetBondingRateFunction(), ct);
        var cut = Query<TreasuryRewardCutRateFunction, BigInteger>("BondingManager", new(), ct);
        var ceiling = QueryAmount("BondingManager", new TreasuryBalanceCeilingFunction(), ct);
        return ProtocolParameters.Mainnet with
        {
            RoundLength = await roundLength, RoundLockAmount = await roundLock, NumActiveTranscoders = (int)await active,
            UnbondingPeriod = await unbonding, UnlockPeriod = await unlock, TicketValidityPeriod = await validity,
            InitialInflation = await inflation, InflationChange = await inflationChange, TargetBondingRate = await target,
            TreasuryRewardCutRate = (UInt256)await cut, TreasuryBalanceCeiling = await ceiling,
        };
    }

    /// <summary>The endpoint's own block number (on Arbitrum the L2 block that logs are numbered by).</summary>
    public Task<long> LogBlockNumberAsync(CancellationToken ct = default) => _rpc.BlockNumberAsync(ct);

    /// <summary>
    /// The protocol's events named <paramref name="events"/> (all of them when empty) from every contract this client knows,
    /// in blocks <paramref name="fromBlock"/>..<paramref name="toBlock"/> of the endpoint, decoded as <see cref="ProtocolEvents"/> names them.
    /// </summary>
    public async Task<IReadOnlyList<ChainLog>> GetLogsAsync(long fromBlock, long toBlock, IReadOnlyList<string> events, CancellationToken ct = default)
    {
        var topics = events.Select(e => ProtocolEvents.TopicOf(e)).OfType<string>().ToArray();
        if (events.Count > 0 && topics.Length == 0) return [];
        var filter = new NewFilterInput
        {
            Address = _contracts.Values.Select(a => a.ToString()).ToArray(),
            FromBlock = new BlockParameter((ulong)fromBlock), ToBlock = new BlockParameter((ulong)toBlock),
            Topics = topics.Length == 0 ? null : [topics],
        };
        var logs = new List<ChainLog>();
        foreach (var log in await _rpc.LogsAsync(filter, ct).ConfigureAwait(false))
        {
            if (log.Removed) continue;
            var (name, args) = ProtocolEvents.Decode(log);
            logs.Add(new ChainLog((long)log.BlockNumber.Value, Hash.Parse(log.TransactionHash), new ChainEvent(name, args)));
        }
        return logs;
    }

    // RoundsManager

    /// <inheritdoc />
    public async Task<RoundInfoView> GetRoundInfoAsync(CancellationToken ct = default)
    {
        var round = await QueryLong("RoundsManager", new CurrentRoundFunction(), ct);
        // Independent view calls, sent at once: nodes re-read these every block.
        var start = QueryLong("RoundsManager", new CurrentRoundStartBlockFunction(), ct);
        var initialized = Query<CurrentRoundInitializedFunction, bool>("RoundsManager", new(), ct);
        var locked = Query<CurrentRoundLockedFunction, bool>("RoundsManager", new(), ct);
        var last = QueryLong("RoundsManager", new LastInitializedRoundFunction(), ct);
        var length = QueryLong("RoundsManager", new RoundLengthFunction(), ct);
        var hash = Query<BlockHashForRoundFunction, byte[]>("RoundsManager", new() { Round = round }, ct);
        var current = QueryAmount("BondingManager", new CurrentRoundTotalActiveStakeFunction(), ct);
        var next = QueryAmount("BondingManager", new NextRoundTotalActiveStakeFunction(), ct);
        return new RoundInfoView(round, await start, await initialized, await locked, await last, await length, new Hash(await hash), await current, await next);
    }

    /// <summary>RoundsManager's round arithmetic, read once, to compute rounds and ticket expiration from block numbers.</summary>
    public async Task<RoundClock> GetRoundClockAsync(CancellationToken ct = default) => new(
        await QueryLong("RoundsManager", new RoundLengthFunction(), ct),
        await QueryLong("RoundsManager", new LastRoundLengthUpdateRoundFunction(), ct),
        await QueryLong("RoundsManager", new LastRoundLengthUpdateStartBlockFunction(), ct),
        await QueryLong("RoundsManager", new RoundLockAmountFunction(), ct));

    /// <inheritdoc />
    public Task<ChainReceipt> InitializeRoundAsync(CancellationToken ct = default) => Send("RoundsManager", new InitializeRoundFunction(), ct);

    // LivepeerToken and ETH

    /// <inheritdoc />
    public async Task<BalanceView> GetBalanceAsync(Address account, CancellationToken ct = default) => new(
        account,
        await QueryAmount("LivepeerToken", new BalanceOfFunction { Account = account.ToString() }, ct),
        new UInt256(await _rpc.BalanceAsync(account.ToString(), ct)),
        UInt256.Zero); // the token contract has no vesting

    /// <inheritdoc />
    public Task<ChainReceipt> TransferAsync(Address to, UInt256 amount, CancellationToken ct = default) =>
        Send("LivepeerToken", new TransferFunction { To = to.ToString(), Value = amount }, ct);

    /// <inheritdoc />
    public Task<ChainReceipt> ApproveAsync(Address spender, UInt256 amount, CancellationToken ct = default) =>
        Send("LivepeerToken", new ApproveFunction { Spender = spender.ToString(), Value = amount }, ct);

    /// <inheritdoc />
    public async Task<ChainReceipt> SendEthAsync(Address to, UInt256 amount, CancellationToken ct = default) =>
        ToChainReceipt(await Sender.SendAsync(EthereumTransaction.Transfer(to.ToString(), amount), ct).ConfigureAwait(false));

    // BondingManager

    /// <inheritdoc />
    public async Task<DelegatorView> GetDelegatorAsync(Address delegator, CancellationToken ct = default)
    {
        var a = delegator.ToString();
        var round = await QueryLong("RoundsManager", new CurrentRoundFunction(), ct);
        var d = await _rpc.QueryDtoAsync<GetDelegatorFunction, GetDelegatorOutput>(C("BondingManager"), new() { Delegator = a }, ct);
        var status = (byte)await Query<DelegatorStatusFunction, BigInteger>("BondingManager", new() { Delegator = a }, ct) switch
        {
            0 => DelegatorStatus.Pending,
            1 => DelegatorStatus.Bonded,
            2 => DelegatorStatus.Unbonded,
            var other => throw new InvalidDataException($"BondingManager.delegatorStatus returned {other}, not a DelegatorStatus."),
        };
        var locks = ImmutableArray.CreateBuilder<(long, UnbondingLock)>();
        for (var id = BigInteger.Zero; id < d.NextUnbondingLockId; id++)
        {
            var l = await _rpc.QueryDtoAsync<GetDelegatorUnbondingLockFunction, UnbondingLockOutput>(C("BondingManager"), new() { Delegator = a, LockId = id }, ct);
            if (l.WithdrawRound > 0) locks.Add(((long)id, new UnbondingLock(new UInt256(l.Amount), Round(l.WithdrawRound))));
        }
        return new DelegatorView(delegator, status, new UInt256(d.BondedAmount), new UInt256(d.Fees),
            await QueryAmount("BondingManager", new PendingStakeFunction { Delegator = a, EndRound = round }, ct),
            await QueryAmount("BondingManager", new PendingFeesFunction { Delegator = a, EndRound = round }, ct),
            Address.Parse(d.DelegateAddress), new UInt256(d.DelegatedAmount), Round(d.StartRound), Round(d.LastClaimRound), (long)d.NextUnbondingLockId,
            locks.ToImmutable());
    }

    /// <inheritdoc />
    public async Task<TranscoderView> GetTranscoderAsync(Address transcoder, CancellationToken ct = default)
    {
        var a = transcoder.ToString();
        var t = await _rpc.QueryDtoAsync<GetTranscoderFunction, GetTranscoderOutput>(C("BondingManager"), new() { Transcoder = a }, ct);
        return new TranscoderView(transcoder,
            await Query<IsRegisteredTranscoderFunction, bool>("BondingManager", new() { Transcoder = a }, ct),
            await Query<IsActiveTranscoderFunction, bool>("BondingManager", new() { Transcoder = a }, ct),
            await QueryAmount("BondingManager", new TranscoderTotalStakeFunction { Transcoder = a }, ct),
            (long)t.RewardCut, (long)t.FeeShare, Round(t.LastRewardRound), Round(t.LastFeeRound), Round(t.ActivationRound), Round(t.DeactivationRound),
            SlashCount: 0, // not in Livepeer's interface
            await Query<GetServiceUriFunction, string>("ServiceRegistry", new() { Addr = a }, ct));
    }

    /// <inheritdoc />
    public async Task<ImmutableArray<PoolEntry>> GetTranscoderPoolAsync(CancellationToken ct = default)
    {
        var pool = ImmutableArray.CreateBuilder<PoolEntry>();
        var next = Address.Parse(await Query<GetFirstTranscoderInPoolFunction, string>("BondingManager", new(), ct));
        while (!next.IsZero)
        {
            pool.Add(new PoolEntry(next, await QueryAmount("BondingManager", new TranscoderTotalStakeFunction { Transcoder = next.ToString() }, ct)));
            next = Address.Parse(await Query<GetNextTranscoderInPoolFunction, string>("BondingManager", new() { Transcoder = next.ToString() }, ct));
        }
        return pool.ToImmutable();
    }

    /// <summary>BondingManager.bond; first approves the BondingManager for <paramref name="amount"/> when its allowance is short (as go-livepeer does).</summary>
    public async Task<ChainReceipt> BondAsync(UInt256 amount, Address to, CancellationToken ct = default)
    {
        var bonding = C("BondingManager");
        var allowance = await Query<AllowanceFunction, BigInteger>("LivepeerToken", new() { Owner = Sender.Account, Spender = bonding }, ct);
        if (allowance < amount.Value) await ApproveAsync(_contracts["BondingManager"], amount, ct);
        return await Send("BondingManager", new BondFunction { Amount = amount, To = to.ToString() }, ct);
    }

    /// <inheritdoc />
    public Task<ChainReceipt> UnbondAsync(UInt256 amount, CancellationToken ct = default) => Send("BondingManager", new UnbondFunction { Amount = amount }, ct);
    /// <inheritdoc />
    public Task<ChainReceipt> RebondAsync(long unbondingLockId, CancellationToken ct = default) => Send("BondingManager", new RebondFunction { LockId = unbondingLockId }, ct);
    /// <inheritdoc />
    public Task<ChainReceipt> RebondFromUnbondedAsync(Address to, long unbondingLockId, CancellationToken ct = default) =>
        Send("BondingManager", new RebondFromUnbondedFunction { To = to.ToString(), LockId = unbondingLockId }, ct);
    /// <inheritdoc />
    public Task<ChainReceipt> WithdrawStakeAsync(long unbondingLockId, CancellationToken ct = default) =>
        Send("BondingManager", new WithdrawStakeFunction { LockId = unbondingLockId }, ct);
    /// <inheritdoc />
    public Task<ChainReceipt> WithdrawFeesAsync(Address recipient, UInt256 amount, CancellationToken ct = default) =>
        Send("BondingManager", new WithdrawFeesFunction { Recipient = recipient.ToString(), Amount = amount }, ct);
    /// <inheritdoc />
    public Task<ChainReceipt> TranscoderAsync(long rewardCut, long feeShare, CancellationToken ct = default) =>
        Send("BondingManager", new TranscoderFunction { RewardCut = rewardCut, FeeShare = feeShare }, ct);
    /// <inheritdoc />
    public Task<ChainReceipt> RewardAsync(CancellationToken ct = default) => Send("BondingManager", new RewardFunction(), ct);
    /// <inheritdoc />
    public Task<ChainReceipt> ClaimEarningsAsync(long endRound, CancellationToken ct = default) =>
        Send("BondingManager", new ClaimEarningsFunction { EndRound = endRound }, ct);

    // Minter

    /// <inheritdoc />
    public async Task<MinterInfoView> GetMinterInfoAsync(CancellationToken ct = default)
    {
        var supply = await QueryAmount("LivepeerToken", new TotalSupplyFunction(), ct);
        var bonded = await QueryAmount("BondingManager", new GetTotalBondedFunction(), ct);
        var treasury = await ContractRegistry.ResolveAsync(_rpc, Network.Controller!.Value, "Treasury", ct);
        return new MinterInfoView(
            await QueryLong("Minter", new InflationFunction(), ct),
            await QueryLong("Minter", new InflationChangeFunction(), ct),
            await QueryLong("Minter", new TargetBondingRateFunction(), ct),
            supply.IsZero ? 0 : (long)(bonded.Value * 1_000_000_000 / supply.Value), // MathUtilsV2 precision, as targetBondingRate
            await QueryAmount("Minter", new CurrentMintableTokensFunction(), ct),
            await QueryAmount("Minter", new CurrentMintedTokensFunction(), ct),
            supply,
            TotalMinted: UInt256.Zero, TotalBurned: UInt256.Zero, // not kept by Livepeer's contracts (see the Mint/Burn events)
            treasury is { } t ? await QueryAmount("LivepeerToken", new BalanceOfFunction { Account = t.ToString() }, ct) : UInt256.Zero,
            (UInt256)await Query<TreasuryRewardCutRateFunction, BigInteger>("BondingManager", new(), ct));
    }

    // TicketBroker

    /// <inheritdoc />
    public async Task<SenderInfoView> GetSenderInfoAsync(Address sender, CancellationToken ct = default)
    {
        var info = await _rpc.QueryDtoAsync<GetSenderInfoFunction, SenderInfoOutput>(C("TicketBroker"), new() { Sender = sender.ToString() }, ct);
        var round = await QueryLong("RoundsManager", new CurrentRoundFunction(), ct);
        var withdrawRound = Round(info.Sender.WithdrawRound);
        return new SenderInfoView(sender, new UInt256(info.Sender.Deposit), withdrawRound, new UInt256(info.Reserve.FundsRemaining),
            new UInt256(info.Reserve.ClaimedInCurrentRound), Locked: withdrawRound == 0 || round < withdrawRound);
    }

    /// <inheritdoc />
    public Task<UInt256> GetClaimableReserveAsync(Address sender, Address recipient, CancellationToken ct = default) =>
        QueryAmount("TicketBroker", new ClaimableReserveFunction { ReserveHolder = sender.ToString(), Claimant = recipient.ToString() }, ct);

    /// <summary>Whether the TicketBroker holds <paramref name="ticketHash"/> as redeemed at the head (TicketBroker.usedTickets).</summary>
    public Task<bool> IsTicketUsedAsync(Hash ticketHash, CancellationToken ct = default) =>
        Query<UsedTicketsFunction, bool>("TicketBroker", new UsedTicketsFunction { TicketHash = ticketHash.ToArray() }, ct);

    /// <inheritdoc />
    public Task<ChainReceipt> FundDepositAndReserveAsync(UInt256 deposit, UInt256 reserve, CancellationToken ct = default) =>
        Send("TicketBroker", new FundDepositAndReserveFunction { DepositAmount = deposit, ReserveAmount = reserve }, ct, value: deposit.Value + reserve.Value);
    /// <inheritdoc />
    public Task<ChainReceipt> UnlockAsync(CancellationToken ct = default) => Send("TicketBroker", new UnlockFunction(), ct);
    /// <inheritdoc />
    public Task<ChainReceipt> CancelUnlockAsync(CancellationToken ct = default) => Send("TicketBroker", new CancelUnlockFunction(), ct);
    /// <inheritdoc />
    public Task<ChainReceipt> WithdrawAsync(CancellationToken ct = default) => Send("TicketBroker", new WithdrawFunction(), ct);

    /// <inheritdoc />
    public Task<ChainReceipt> RedeemWinningTicketAsync(Ticket ticket, byte[] signature, UInt256 recipientRand, CancellationToken ct = default)
    {
        var auxData = new byte[64]; // creationRound ‖ blockHashForRound(creationRound)
        ((UInt256)ticket.CreationRound).WriteBigEndian32(auxData);
        ticket.CreationRoundBlockHash.Bytes.CopyTo(auxData.AsSpan(32));
        return Send("TicketBroker", new RedeemWinningTicketFunction
        {
            Ticket = new TicketStruct
            {
                Recipient = ticket.Recipient.ToString(), Sender = ticket.Sender.ToString(), FaceValue = ticket.FaceValue, WinProb = ticket.WinProb,
                SenderNonce = ticket.SenderNonce, RecipientRandHash = ticket.RecipientRandHash.ToArray(), AuxData = auxData,
            },
            Sig = signature,
            RecipientRand = recipientRand,
        }, ct);
    }

    // ServiceRegistry

    /// <inheritdoc />
    public Task<ChainReceipt> SetServiceUriAsync(string serviceUri, CancellationToken ct = default) =>
        Send("ServiceRegistry", new SetServiceUriFunction { ServiceUri = serviceUri }, ct);

    // Verifier

    /// <inheritdoc />
    public Task<ChainReceipt> SlashEquivocationAsync(EquivocationEvidence evidence, CancellationToken ct = default) =>
        Send(ContractNames.Verifier, new SlashEquivocationFunction
        {
            Orchestrator = evidence.Orchestrator.ToString(), ManifestId = evidence.ManifestId, Seq = evidence.Seq,
            ProfilesHash = evidence.ProfilesHash.ToArray(), First = Signed(evidence.First), Second = Signed(evidence.Second),
        }, ct);

    private static SignedResultStruct Signed(SignedResult r) => new() { SourceHash = r.SourceHash.ToArray(), ResultHash = r.ResultHash.ToArray(), Signature = r.Signature };

    /// <inheritdoc />
    public Task<ChainReceipt> ReportFailedVerificationAsync(Address transcoder, Hash evidence, string evidenceUri, CancellationToken ct = default) =>
        Send(ContractNames.Verifier, new ReportFailedVerificationFunction { Transcoder = transcoder.ToString(), Evidence = evidence.ToArray(), EvidenceUri = evidenceUri }, ct);

    /// <inheritdoc />
    public async Task<EvidenceView> GetEvidenceAsync(Address transcoder, Hash evidence, CancellationToken ct = default)
    {
        var report = await _rpc.QueryDtoAsync<GetReportFunction, ReportOutput>(C(ContractNames.Verifier),
            new() { Transcoder = transcoder.ToString(), Evidence = evidence.ToArray() }, ct).ConfigureAwait(false);
        var key = await Query<EvidenceKeyFunction, byte[]>(ContractNames.Verifier, new() { Transcoder = transcoder.ToString(), Evidence = evidence.ToArray() }, ct);
        var reporter = Address.Parse(report.Reporter);
        return new EvidenceView(transcoder, evidence, !reporter.IsZero, reporter, (long)report.Round, (long)report.Attestations,
            (int)await QueryLong(ContractNames.Verifier, new VerifierThresholdFunction(), ct),
            await Query<SettledFunction, bool>(ContractNames.Verifier, new() { Key = key }, ct));
    }

    /// <inheritdoc />
    public Task<ChainReceipt> AttestFailedVerificationAsync(Address transcoder, Hash evidence, CancellationToken ct = default) =>
        Send(ContractNames.Verifier, new AttestFailedVerificationFunction { Transcoder = transcoder.ToString(), Evidence = evidence.ToArray() }, ct);

    // LivepeerGovernor (ids are 1, 2, ... in the order of the governor's ProposalCreated events, as the ledger numbers them)

    /// <inheritdoc />
    public async Task<ImmutableArray<ProposalView>> GetProposalsAsync(CancellationToken ct = default)
    {
        var created = await ProposalsCreatedAsync(ct);
        var views = ImmutableArray.CreateBuilder<ProposalView>(created.Count);
        var round = await QueryLong(ContractNames.RoundsManager, new CurrentRoundFunction(), ct);
        for (var i = 0; i < created.Count; i++) views.Add(await ProposalViewAsync(i + 1, created[i], round, ct));
        return views.MoveToImmutable();
    }

    private async Task<ProposalView> ProposalViewAsync(long id, ProposalCreatedEvent e, long round, CancellationToken ct)
    {
        var state = await Query<StateFunction, byte>(GovernanceStep.LivepeerGovernor, new() { ProposalId = e.ProposalId }, ct);
        var votes = await _rpc.QueryDtoAsync<ProposalVotesFunction, ProposalVotesOutput>(C(GovernanceStep.LivepeerGovernor), new() { ProposalId = e.ProposalId }, ct);
        var total = UInt256.Zero;
        if ((long)e.VoteStart < round)
            total = await QueryAmount(ContractNames.BondingVotes, new GetPastTotalSupplyFunction { Round = e.VoteStart }, ct);
        var actions = ImmutableArray.CreateBuilder<ProposalAction>();
        var unnamed = 0;
        for (var i = 0; i < e.Targets.Count; i++)
        {
            if (ProposalActions.Decode(Address.Parse(e.Targets[i]), e.Calldatas[i], Optional) is { } action) actions.Add(action);
            else unnamed++;
        }
        var proposal = new Proposal
        {
            Id = id, Proposer = Address.Parse(e.Proposer),
            Description = unnamed == 0 ? e.Description : $"{e.Description} [+{unnamed} contract call(s) this client cannot name]",
            Actions = actions.ToImmutable(),
            VoteStart = (long)e.VoteStart + 1, VoteEnd = (long)e.VoteEnd + 1, // OpenZeppelin: snapshot and last voting round
            TotalActiveStake = total, For = new UInt256(votes.For), Against = new UInt256(votes.Against), Abstain = new UInt256(votes.Abstain),
            Executed = state == GovernorExecuted,
        };
        return new ProposalView(proposal, Status(state));
    }

    // OpenZeppelin's ProposalState numbering.
    private const byte GovernorPending = 0, GovernorActive = 1, GovernorCanceled = 2, GovernorDefeated = 3, GovernorSucceeded = 4,
        GovernorQueued = 5, GovernorExpired = 6, GovernorExecuted = 7;

    private static ProposalStatus Status(byte state) => state switch
    {
        GovernorPending => ProposalStatus.Pending,
        GovernorActive => ProposalStatus.Active,
        GovernorCanceled or GovernorDefeated or GovernorExpired => ProposalStatus.Defeated,
        GovernorSucceeded or GovernorQueued => ProposalStatus.Succeeded,
        GovernorExecuted => ProposalStatus.Executed,
        _ => throw new InvalidDataException($"LivepeerGovernor.state returned {state}, not an OpenZeppelin ProposalState."),
    };

    /// <inheritdoc />
    public Task<ChainReceipt> ProposeAsync(ImmutableArray<ProposalAction> actions, string description, CancellationToken ct = default)
    {
        if (actions.IsDefaultOrEmpty) throw new ChainTransactionException(nameof(ProtocolError.InvalidProposal), "a proposal needs at least one action");
        var calls = actions.Select(a => ProposalActions.Encode(a, Optional)).ToList();
        return Send(GovernanceStep.LivepeerGovernor, new ProposeFunction
        {
            Targets = calls.Select(c => c.Target.ToString()).ToList(), Values = calls.Select(_ => BigInteger.Zero).ToList(),
            Calldatas = calls.Select(c => c.Calldata).ToList(), Description = description,
        }, ct);
    }

    /// <inheritdoc />
    public async Task<ChainReceipt> VoteAsync(long proposalId, VoteSupport support, CancellationToken ct = default)
    {
        if (!Enum.IsDefined(support)) throw new ChainTransactionException(nameof(ProtocolError.InvalidProposal), $"support is 0 (against), 1 (for) or 2 (abstain), got {(int)support}");
        var e = await ProposalAsync(proposalId, ct);
        var state = await Query<StateFunction, byte>(GovernanceStep.LivepeerGovernor, new() { ProposalId = e.ProposalId }, ct);
        if (state != GovernorActive)
            throw new ChainTransactionException(nameof(ProtocolError.ProposalNotActive), $"proposal {proposalId} is {Status(state)}: votes are taken in rounds {(long)e.VoteStart + 1}-{(long)e.VoteEnd}");
        if (await Query<HasVotedFunction, bool>(GovernanceStep.LivepeerGovernor, new() { ProposalId = e.ProposalId, Account = Sender.Account }, ct))
            throw new ChainTransactionException(nameof(ProtocolError.AlreadyVoted), $"{Sender.Account} already voted on proposal {proposalId}");
        return await Send(GovernanceStep.LivepeerGovernor, new CastVoteFunction { ProposalId = e.ProposalId, Support = (byte)support }, ct);
    }

    /// <summary>Queues a passed proposal in the Treasury (the governor's timelock) when it is not yet, then executes it.</summary>
    public async Task<ChainReceipt> ExecuteAsync(long proposalId, CancellationToken ct = default)
    {
        var e = await ProposalAsync(proposalId, ct);
        var state = await Query<StateFunction, byte>(GovernanceStep.LivepeerGovernor, new() { ProposalId = e.ProposalId }, ct);
        if (state == GovernorExecuted) throw new ChainTransactionException(nameof(ProtocolError.ProposalAlreadyExecuted), $"proposal {proposalId} was already executed");
        if (state is not (GovernorSucceeded or GovernorQueued))
            throw new ChainTransactionException(nameof(ProtocolError.ProposalNotSucceeded), $"proposal {proposalId} is {Status(state)}, not Succeeded");
        var descriptionHash = Sha3Keccack.Current.CalculateHash(System.Text.Encoding.UTF8.GetBytes(e.Description));
        T Operation<T>() where T : ProposalOperationFunction, new() => new()
        {
            Targets = e.Targets, Values = e.Values, Calldatas = e.Calldatas, DescriptionHash = descriptionHash,
        };
        if (state == GovernorSucceeded) await Send(GovernanceStep.LivepeerGovernor, Operation<QueueFunction>(), ct);
        return await Send(GovernanceStep.LivepeerGovernor, Operation<ExecuteFunction>(), ct);
    }

    private async Task<ProposalCreatedEvent> ProposalAsync(long id, CancellationToken ct)
    {
        var created = await ProposalsCreatedAsync(ct);
        return id >= 1 && id <= created.Count ? created[(int)id - 1]
            : throw new ChainTransactionException(nameof(ProtocolError.UnknownProposal), $"no proposal {id} (there are {created.Count})");
    }

    private static readonly string ProposalCreatedTopic =
        "0x" + Sha3Keccack.Current.CalculateHash("ProposalCreated(uint256,address,address[],uint256[],string[],bytes[],uint256,uint256,string)");

    private readonly SemaphoreSlim _proposalScan = new(1, 1);
    private readonly List<ProposalCreatedEvent> _proposals = [];
    private long _proposalsScannedTo = -1;

    /// <summary>The governor's ProposalCreated events, oldest first; each call reads only the blocks since the last.</summary>
    private async Task<IReadOnlyList<ProposalCreatedEvent>> ProposalsCreatedAsync(CancellationToken ct)
    {
        var governor = C(GovernanceStep.LivepeerGovernor);
        await _proposalScan.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var head = await _rpc.BlockNumberAsync(ct).ConfigureAwait(false);
            if (head > _proposalsScannedTo)
            {
                var filter = new NewFilterInput
                {
                    Address = [governor], FromBlock = new BlockParameter((ulong)(_proposalsScannedTo + 1)), ToBlock = new BlockParameter((ulong)head),
                    Topics = [ProposalCreatedTopic],
                };
                foreach (var log in await _rpc.LogsAsync(filter, ct).ConfigureAwait(false))
                    _proposals.Add(log.DecodeEvent<ProposalCreatedEvent>().Event);
                _proposalsScannedTo = head;
            }
            return [.. _proposals];
        }
        finally { _proposalScan.Release(); }
    }

    /// <summary>A contract's address, or null when the Controller has none under that name.</summary>
    private Address? Optional(string name) => _contracts.TryGetValue(name, out var a) ? a : null;

    /// <inheritdoc />
    public Task<ChainReceipt> SendAsync(ProtocolCall call, CancellationToken ct = default) => call switch
    {
        InitializeRoundCall => InitializeRoundAsync(ct),
        TransferCall c => TransferAsync(c.To, c.Amount, ct),
        ApproveCall c => ApproveAsync(c.Spender, c.Amount, ct),
        SendEthCall c => SendEthAsync(c.To, c.Amount, ct),
        BondCall c => BondAsync(c.Amount, c.To, ct),
        UnbondCall c => UnbondAsync(c.Amount, ct),
        RebondCall c => RebondAsync(c.UnbondingLockId, ct),
        RebondFromUnbondedCall c => RebondFromUnbondedAsync(c.To, c.UnbondingLockId, ct),
        WithdrawStakeCall c => WithdrawStakeAsync(c.UnbondingLockId, ct),
        WithdrawFeesCall c => WithdrawFeesAsync(c.Recipient, c.Amount, ct),
        TranscoderUpdateCall c => TranscoderAsync(c.RewardCut, c.FeeShare, ct),
        RewardCall => RewardAsync(ct),
        ClaimEarningsCall c => ClaimEarningsAsync(c.EndRound, ct),
        FundDepositAndReserveCall c => FundDepositAndReserveAsync(c.DepositAmount, c.ReserveAmount, ct),
        UnlockCall => UnlockAsync(ct),
        CancelUnlockCall => CancelUnlockAsync(ct),
        WithdrawCall => WithdrawAsync(ct),
        RedeemWinningTicketCall c => RedeemWinningTicketAsync(c.Ticket, c.Signature, c.RecipientRand, ct),
        SetServiceUriCall c => SetServiceUriAsync(c.ServiceUri, ct),
        SlashEquivocationCall c => SlashEquivocationAsync(c.Evidence, ct),
        ReportFailedVerificationCall c => ReportFailedVerificationAsync(c.Transcoder, c.Evidence, c.EvidenceUri, ct),
        AttestFailedVerificationCall c => AttestFailedVerificationAsync(c.Transcoder, c.Evidence, ct),
        ProposeCall c => ProposeAsync(c.Actions, c.Description, ct),
        VoteCall c => VoteAsync(c.ProposalId, c.Support, ct),
        ExecuteCall c => ExecuteAsync(c.ProposalId, ct),
        BondForCall or TransferBondCall or TransferFromCall or FundDepositCall or FundReserveCall or FundDepositAndReserveForCall =>
            NotSupported<ChainReceipt>(call.GetType().Name.Replace("Call", "", StringComparison.Ordinal)),
        _ => throw new ArgumentOutOfRangeException(nameof(call), call.GetType().Name, "Unknown protocol call."),
    };

    /// <summary>A round number; Livepeer's "never" (2^256-1, e.g. the deactivation round of an active transcoder) reads as long.MaxValue.</summary>
    private static long Round(BigInteger round) => round > long.MaxValue ? long.MaxValue : (long)round;

    private TransactionSender Sender => _sender ?? throw new InvalidOperationException("This Ethereum client is read-only: give it an account key to send transactions.");

    private async Task<ChainReceipt> Send<TFunction>(string contract, TFunction function, CancellationToken ct, BigInteger? value = null)
        where TFunction : FunctionMessage, new()
    {
        var receipt = await Sender.SendAsync(new EthereumTransaction(C(contract), function.GetCallData().ToHex(true), value ?? BigInteger.Zero), ct).ConfigureAwait(false);
        return ToChainReceipt(receipt);
    }

    private static ChainReceipt ToChainReceipt(EthereumReceipt receipt) => new(
        Hash.Parse(receipt.TransactionHash),
        receipt.BlockNumber,
        receipt.Logs.Select(l =>
        {
            var (name, args) = ProtocolEvents.Decode(l);
            return new ChainEvent(name, args);
        }).ToList());

    private Task<T> NotSupported<T>(string what) => Task.FromException<T>(new ChainTransactionException("NotSupported",
        $"{what} is not in Livepeer's contract interface (network {Network.Name}); use the embedded ledger for it."));

    /// <summary>Closes the JSON-RPC client.</summary>
    public void Dispose()
    {
        _rpc.Dispose();
        _proposalScan.Dispose();
    }
}
