using System.Collections.Immutable;
using Livepeer.Chain.Execution;
using Livepeer.Core;
using Livepeer.Core.Crypto;
using Livepeer.Protocol.Bonding;
using Livepeer.Protocol.Calls;
using Livepeer.Protocol.Engine;
using Livepeer.Protocol.Genesis;
using Livepeer.Protocol.Rounds;
using Livepeer.Protocol.State;

namespace Livepeer.Ethereum.Tests.Differential;

/// <summary>
/// The C# state machine as a differential target, with real secp256k1 signature recovery. Calls go into the current
/// block until <see cref="FlushAsync"/> closes it, as the EVM target mines them, so both see the same block numbers.
/// </summary>
public sealed class EngineTarget(GenesisSpec genesis, string name = "engine") : IProtocolTarget
{
    private readonly ProtocolEngine _engine = new(Secp256k1SignatureRecovery.Instance);
    private long _block = genesis.StartBlock;
    private bool _open;
    private long _round = -1;

    /// <summary>The state being driven.</summary>
    public ProtocolState State { get; } = GenesisBuilder.Build(genesis);

    /// <inheritdoc />
    public string Name => name;

    /// <inheritdoc />
    public Task AdvanceToRoundAsync(long round)
    {
        if (_open) throw new InvalidOperationException("flush before advancing the round");
        var start = RoundsManager.StartBlockOf(State, round);
        if (start < _block) throw new InvalidOperationException($"round {round} starts at block {start}, the chain is at block {_block}");
        _block = start;
        _round = round;
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<Hash> RoundBlockHashAsync(long round) => Task.FromResult(State.RoundBlockHashes.Get(round));

    /// <inheritdoc />
    public Task<UInt256> PendingStakeAsync(Address account) =>
        Task.FromResult(BondingManager.PendingStakeAndFees(State, account, RoundsManager.RoundOf(State, _block)).Stake);

    /// <inheritdoc />
    public Task<Task<CallOutcome>> ApplyAsync(Address caller, ProtocolCall call)
    {
        if (RoundsManager.RoundOf(State, _block) != _round)
            throw new InvalidOperationException($"round {_round} has no block left for more calls; lengthen the rounds of the call sequence");
        var result = _engine.Apply(State, new BlockContext(_block, BlockHash(_block), BlockHash(_block - 1), 1_700_000_000 + _block * 12), caller, call);
        _open = true;
        return Task.FromResult(Task.FromResult(result.Succeeded ? CallOutcome.Ok : new CallOutcome(false, $"{result.Error}: {result.Message}")));
    }

    /// <inheritdoc />
    public Task FlushAsync()
    {
        if (!_open) return Task.CompletedTask;
        _block++;
        _open = false;
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<ProtocolSnapshot> SnapshotAsync(IReadOnlyList<Address> accounts)
    {
        var s = State;
        var round = RoundsManager.RoundOf(s, _block);
        var list = accounts.Select(a =>
        {
            var d = s.DelegatorOf(a);
            var (stake, fees) = BondingManager.PendingStakeAndFees(s, a, round);
            var sender = s.SenderOf(a);
            return new AccountSnapshot(a, stake, fees, d.BondedAmount, d.Fees, d.DelegateAddress, d.DelegatedAmount, d.StartRound, d.LastClaimRound,
                d.NextUnbondingLockId, s.LptBalanceOf(a), sender.Deposit, sender.ReserveRemaining, sender.WithdrawRound);
        }).ToImmutableArray();
        var transcoders = accounts.Where(a => !s.TranscoderOf(a).IsEmpty).Select(a =>
        {
            var t = s.TranscoderOf(a);
            return new TranscoderSnapshot(a, t.LastRewardRound, t.RewardCut, t.FeeShare, t.ActivationRound, t.DeactivationRound,
                t.ActiveCumulativeRewards, t.CumulativeRewards, t.CumulativeFees, t.LastFeeRound);
        }).ToImmutableArray();
        var pool = s.Pool.Value.Members.Select(m => (m.Transcoder, m.Stake)).ToImmutableArray();
        var totals = s.Totals.Value;
        var minter = s.Minter.Value;
        return Task.FromResult(new ProtocolSnapshot(round, list, transcoders, pool, s.Supply.Value.TotalSupply, s.LptBalanceOf(ProtocolAccounts.Treasury),
            totals.CurrentRoundTotalActiveStake, totals.NextRoundTotalActiveStake, minter.CurrentMintableTokens, minter.CurrentMintedTokens));
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static Hash BlockHash(long n) => Keccak256.Hash(((UInt256)(ulong)(n + 1)).ToBigEndian32());
}
