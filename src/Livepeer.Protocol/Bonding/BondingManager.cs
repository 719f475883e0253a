namespace Livepeer.Protocol.Bonding;

/// <summary>
/// Livepeer's BondingManager: bond, unbond, rebond, withdraw, transcoder registration and the pool, reward(),
/// fees, LIP-36 claims, transferBond, and the slash primitive. Every bond-changing call claims earnings first.
/// </summary>
public static class BondingManager
{
    // ---------------------------------------------------------------- queries

    /// <summary>Unbonded (nothing bonded), Pending (counts from a future round) or Bonded.</summary>
    public static DelegatorStatus StatusOf(Delegator d, long round) =>
        d.BondedAmount.IsZero ? DelegatorStatus.Unbonded : d.StartRound > round ? DelegatorStatus.Pending : DelegatorStatus.Bonded;

    /// <summary>Registered: self-delegated with a bond.</summary>
    public static bool IsRegisteredTranscoder(ProtocolState s, Address a)
    {
        var d = s.DelegatorOf(a);
        return d.DelegateAddress == a && !d.BondedAmount.IsZero;
    }

    /// <summary>Active in the round and not slashed in it (may call reward and receive fees).</summary>
    public static bool CanEarn(ProtocolState s, Address a, long round)
    {
        var t = s.TranscoderOf(a);
        return t.IsActiveIn(round) && t.LastSlashRound != round;
    }

    /// <summary>
    /// Stake and fees a delegator would have after claiming through <paramref name="round"/> (the current round):
    /// LIP-36 <c>stake * CRF_end / CRF_start</c> and <c>fees + stake * (CFF_end - CFF_start) / CRF_start</c> with
    /// PreciseMathUtils rounding, start = the stored pool of lastClaimRound, end = the latest factors; the delegate's
    /// slashes since the last claim are applied in order (project rule: slashing reaches the delegators).
    /// </summary>
    public static (UInt256 Stake, UInt256 Fees) PendingStakeAndFees(ProtocolState s, Address delegator, long round)
    {
        var d = s.DelegatorOf(delegator);
        var stake = d.BondedAmount;
        var fees = d.Fees;
        if (d.DelegateAddress.IsZero) return (stake, fees);
        var transcoder = d.DelegateAddress;
        var t = s.TranscoderOf(transcoder);
        if (d.LastClaimRound < round || d.SlashIndex < t.SlashCount)
        {
            var (refCrf, refCff) = EarningsFactors.Stored(s, transcoder, d.LastClaimRound);
            refCrf = PreciseFactor.OrOne(refCrf);
            for (var i = d.SlashIndex; i < t.SlashCount; i++)
            {
                var slash = s.Slashes.Get((transcoder, i))!;
                var slashCrf = PreciseFactor.OrOne(slash.CumulativeRewardFactor);
                fees += PreciseFactor.PercOf(stake, slash.CumulativeFeeFactor - refCff, refCrf);
                stake = PreciseFactor.PercOf(stake, slashCrf, refCrf);
                stake = Ppm.Of(stake, Ppm.One - slash.Fraction);
                (refCrf, refCff) = (slashCrf, slash.CumulativeFeeFactor);
            }
            var (endCrf, endCff) = EarningsFactors.Latest(s, transcoder, round);
            fees += PreciseFactor.PercOf(stake, endCff - refCff, refCrf);
            stake = PreciseFactor.PercOf(stake, PreciseFactor.OrOne(endCrf), refCrf);
        }
        if (delegator == transcoder)
        {
            stake += t.CumulativeRewards;
            fees += t.CumulativeFees;
        }
        return (stake, fees);
    }

    // ---------------------------------------------------------------- claims

    /// <summary>
    /// Claims earnings through the current round (updateDelegatorWithEarnings): no-op when already claimed this round
    /// and no slash of the delegate happened since.
    /// </summary>
    public static void ClaimEarnings(CallContext ctx, Address delegator)
    {
        var s = ctx.State;
        var d = s.DelegatorOf(delegator);
        var round = ctx.CurrentRound;
        if (d.LastClaimRound >= round && (d.DelegateAddress.IsZero || d.SlashIndex == s.TranscoderOf(d.DelegateAddress).SlashCount)) return;
        if (!d.DelegateAddress.IsZero)
        {
            var transcoder = d.DelegateAddress;
            var (stake, fees) = PendingStakeAndFees(s, delegator, round);
            EarningsFactors.EnsureInitialized(ctx, transcoder);
            var t = s.TranscoderOf(transcoder);
            if (delegator == transcoder)
            {
                t = t with { CumulativeRewards = UInt256.Zero, CumulativeFees = UInt256.Zero };
                s.Transcoders.Set(transcoder, t);
            }
            ctx.Emit(new EarningsClaimed(transcoder, delegator, UInt256.SaturatingSub(stake, d.BondedAmount), fees - d.Fees, Math.Min(d.LastClaimRound + 1, round), round));
            d = d with { BondedAmount = stake, Fees = fees, SlashIndex = t.SlashCount };
        }
        s.Delegators.Set(delegator, d with { LastClaimRound = round });
    }

    /// <summary>claimEarnings(endRound): endRound is ignored, as in the contracts; earnings are claimed through the current round.</summary>
    public static void ClaimEarningsCall(CallContext ctx)
    {
        ctx.RequireRoundInitialized();
        ClaimEarnings(ctx, ctx.Caller);
    }

    /// <summary>
    /// _authorizeClaimEarnings: a third party may not trigger <paramref name="owner"/>'s claim (bondFor, transferBond) while
    /// the owner's delegate is active and has not called reward this round, unless the owner already claimed this round;
    /// otherwise the owner would forfeit this round's reward.
    /// </summary>
    private static void AuthorizeClaimEarnings(CallContext ctx, Address owner)
    {
        var s = ctx.State;
        var round = ctx.CurrentRound;
        var d = s.DelegatorOf(owner);
        if (ctx.Caller == owner || StatusOf(d, round) == DelegatorStatus.Unbonded) return;
        var t = s.TranscoderOf(d.DelegateAddress);
        if (!t.IsActiveIn(round)) return;
        CallContext.Require(t.LastRewardRound == round || d.LastClaimRound == round, ProtocolError.IllegalClaimEarnings,
            $"{owner}'s orchestrator {d.DelegateAddress} has not called reward in round {round}: only {owner} may trigger its claim now (it would forfeit this round's reward)");
    }

    // ---------------------------------------------------------------- stake bookkeeping

    private static void SetDelegatedAmount(CallContext ctx, Address a, UInt256 amount)
    {
        var d = ctx.State.DelegatorOf(a);
        if (d.StakeUpdateRound != ctx.CurrentRound) d = d with { StakeUpdateRound = ctx.CurrentRound, StakeAtRoundStart = d.DelegatedAmount };
        ctx.State.Delegators.Set(a, d with { DelegatedAmount = amount });
    }

    private static void IncreaseTotalStake(CallContext ctx, Address transcoder, UInt256 amount)
    {
        var s = ctx.State;
        var delegated = s.DelegatorOf(transcoder).DelegatedAmount;
        if (IsRegisteredTranscoder(s, transcoder))
        {
            var newStake = delegated + amount;
            var pool = s.Pool.Value;
            if (pool.Contains(transcoder))
            {
                s.Pool.Value = pool.UpdateKey(transcoder, newStake);
                s.Totals.Value = s.Totals.Value with { NextRoundTotalActiveStake = s.Totals.Value.NextRoundTotalActiveStake + amount };
            }
            else
            {
                TryToJoinActiveSet(ctx, transcoder, newStake);
            }
        }
        SetDelegatedAmount(ctx, transcoder, delegated + amount);
    }

    private static void DecreaseTotalStake(CallContext ctx, Address transcoder, UInt256 amount)
    {
        var s = ctx.State;
        var delegated = s.DelegatorOf(transcoder).DelegatedAmount;
        var pool = s.Pool.Value;
        if (pool.Contains(transcoder))
        {
            s.Pool.Value = pool.UpdateKey(transcoder, delegated - amount);
            s.Totals.Value = s.Totals.Value with { NextRoundTotalActiveStake = s.Totals.Value.NextRoundTotalActiveStake - amount };
        }
        SetDelegatedAmount(ctx, transcoder, delegated - amount);
    }

    private static void TryToJoinActiveSet(CallContext ctx, Address transcoder, UInt256 stake)
    {
        var s = ctx.State;
        var activation = ctx.CurrentRound + 1;
        var pool = s.Pool.Value;
        var next = s.Totals.Value.NextRoundTotalActiveStake;
        if (pool.Count >= ctx.Parameters.NumActiveTranscoders)
        {
            var last = pool.Last;
            if (stake <= last.Stake) return; // ties do not evict
            pool = pool.Remove(last.Transcoder);
            next -= last.Stake;
            s.Transcoders.Set(last.Transcoder, s.TranscoderOf(last.Transcoder) with { DeactivationRound = activation });
            ctx.Emit(new TranscoderDeactivated(last.Transcoder, activation));
        }
        s.Pool.Value = pool.Insert(transcoder, stake);
        s.Totals.Value = s.Totals.Value with { NextRoundTotalActiveStake = next + stake };
        var t = s.TranscoderOf(transcoder);
        // Still active this round (left the pool earlier in it): stay active without a gap.
        var activationRound = t.IsActiveIn(ctx.CurrentRound) ? t.ActivationRound : activation;
        s.Transcoders.Set(transcoder, t with { ActivationRound = activationRound, DeactivationRound = long.MaxValue });
        ctx.Emit(new TranscoderActivated(transcoder, activation));
    }

    private static void ResignTranscoder(CallContext ctx, Address transcoder)
    {
        var s = ctx.State;
        var pool = s.Pool.Value;
        var i = pool.IndexOf(transcoder);
        if (i < 0) return;
        var stake = pool.Members[i].Stake;
        s.Pool.Value = pool.Remove(transcoder);
        s.Totals.Value = s.Totals.Value with { NextRoundTotalActiveStake = s.Totals.Value.NextRoundTotalActiveStake - stake };
        var deactivation = ctx.CurrentRound + 1;
        s.Transcoders.Set(transcoder, s.TranscoderOf(transcoder) with { DeactivationRound = deactivation });
        ctx.Emit(new TranscoderDeactivated(transcoder, deactivation));
    }

    /// <summary>At initializeRound: the pool's stake becomes the round's active stake; the next round's treasury cut rate takes effect.</summary>
    public static void SetCurrentRoundTotalActiveStake(CallContext ctx)
    {
        var s = ctx.State;
        s.Totals.Value = s.Totals.Value with
        {
            CurrentRoundTotalActiveStake = s.Totals.Value.NextRoundTotalActiveStake,
            CurrentRoundActiveCount = s.Pool.Value.Count,
            TreasuryRewardCutRate = ctx.Parameters.TreasuryRewardCutRate,
        };
    }

    // ---------------------------------------------------------------- bond

    /// <summary>bond / bondFor: the caller pays <paramref name="amount"/>; the owner's bond grows and (re)delegates to <paramref name="to"/>.</summary>
    public static void Bond(CallContext ctx, UInt256 amount, Address owner, Address to)
    {
        ctx.RequireRoundInitialized();
        var s = ctx.State;
        var round = ctx.CurrentRound;
        CallContext.Require(!to.IsZero && !ProtocolAccounts.IsProtocolAccount(to), ProtocolError.InvalidAddress, "cannot delegate to the zero address or a protocol account");
        CallContext.Require(!owner.IsZero && !ProtocolAccounts.IsProtocolAccount(owner), ProtocolError.InvalidAddress, "cannot bond for the zero address or a protocol account");
        AuthorizeClaimEarnings(ctx, owner);
        var before = s.DelegatorOf(owner);
        if (ctx.Caller != owner)
        {
            if (StatusOf(before, round) == DelegatorStatus.Unbonded)
                CallContext.Require(to != owner, ProtocolError.BondForCannotSelfDelegate,
                    "bonding for another address cannot make it self-delegate (register it as a transcoder)");
            else
                CallContext.Require(before.DelegateAddress == to, ProtocolError.BondForCannotChangeDelegate,
                    $"bonding for another address cannot change its delegate ({before.DelegateAddress}); only the owner can");
        }

        ClaimEarnings(ctx, owner);
        var d = s.DelegatorOf(owner);
        var currentDelegate = d.DelegateAddress;
        var currentBonded = d.BondedAmount;
        var delegationAmount = amount;
        var status = StatusOf(d, round);
        var newDelegate = status == DelegatorStatus.Unbonded || to != currentDelegate;
        if (status == DelegatorStatus.Unbonded)
        {
            d = d with { StartRound = round + 1 };
        }
        else if (!currentDelegate.IsZero && to != currentDelegate)
        {
            CallContext.Require(!IsRegisteredTranscoder(s, owner), ProtocolError.TranscoderCannotChangeDelegate,
                "a registered transcoder's stake is delegated to itself; unbond fully before delegating elsewhere");
            d = d with { StartRound = round + 1 };
            delegationAmount += currentBonded;
            s.Delegators.Set(owner, d);
            DecreaseTotalStake(ctx, currentDelegate, currentBonded);
            d = s.DelegatorOf(owner);
        }
        CallContext.Require(!delegationAmount.IsZero, ProtocolError.ZeroDelegationAmount, "nothing to delegate: bond an amount greater than 0");

        EarningsFactors.EnsureInitialized(ctx, to);
        if (newDelegate) d = d with { SlashIndex = s.TranscoderOf(to).SlashCount };
        d = d with { DelegateAddress = to, BondedAmount = d.BondedAmount + amount };
        s.Delegators.Set(owner, d);
        IncreaseTotalStake(ctx, to, delegationAmount);
        if (!amount.IsZero) LivepeerToken.Transfer(ctx, ctx.Caller, ProtocolAccounts.Minter, amount);
        ctx.Emit(new Events.Bond(to, currentDelegate, owner, amount, d.BondedAmount));
    }

    // ---------------------------------------------------------------- unbond / rebond / withdraw

    /// <summary>unbond(amount): creates an unbonding lock withdrawable at currentRound + unbondingPeriod.</summary>
    public static long Unbond(CallContext ctx, Address delegator, UInt256 amount)
    {
        ctx.RequireRoundInitialized();
        var s = ctx.State;
        var round = ctx.CurrentRound;
        ClaimEarnings(ctx, delegator);
        var d = s.DelegatorOf(delegator);
        CallContext.Require(StatusOf(d, round) == DelegatorStatus.Bonded, ProtocolError.DelegatorNotBonded,
            StatusOf(d, round) == DelegatorStatus.Pending ? $"the bond only counts from round {d.StartRound}; unbond after it starts" : "nothing is bonded");
        CallContext.Require(!amount.IsZero, ProtocolError.ZeroAmount, "unbond amount must be greater than 0");
        CallContext.Require(amount <= d.BondedAmount, ProtocolError.AmountExceedsBonded, $"unbond {amount} exceeds the bonded amount {d.BondedAmount}");
        var currentDelegate = d.DelegateAddress;
        var lockId = d.NextUnbondingLockId;
        var withdrawRound = round + ctx.Parameters.UnbondingPeriod;
        s.UnbondingLocks.Set((delegator, lockId), new UnbondingLock(amount, withdrawRound));
        d = d with { BondedAmount = d.BondedAmount - amount, NextUnbondingLockId = lockId + 1 };
        if (d.BondedAmount.IsZero)
        {
            d = d with { DelegateAddress = Address.Zero, StartRound = 0 };
            s.Delegators.Set(delegator, d);
            if (currentDelegate == delegator) ResignTranscoder(ctx, delegator);
        }
        else
        {
            s.Delegators.Set(delegator, d);
        }
        DecreaseTotalStake(ctx, currentDelegate, amount);
        ctx.Emit(new Events.Unbond(currentDelegate, delegator, lockId, amount, withdrawRound));
        return lockId;
    }

    private static UnbondingLock RequireLock(ProtocolState s, Address delegator, long lockId) =>
        s.UnbondingLocks.Get((delegator, lockId))
        ?? throw CallContext.Fail(ProtocolError.InvalidUnbondingLock, $"{delegator} has no unbonding lock {lockId}");

    private static void ProcessRebond(CallContext ctx, Address delegator, long lockId)
    {
        var s = ctx.State;
        var lk = RequireLock(s, delegator, lockId);
        s.UnbondingLocks.Remove((delegator, lockId));
        var d = s.DelegatorOf(delegator);
        d = d with { BondedAmount = d.BondedAmount + lk.Amount };
        s.Delegators.Set(delegator, d);
        IncreaseTotalStake(ctx, d.DelegateAddress, lk.Amount);
        ctx.Emit(new Events.Rebond(d.DelegateAddress, delegator, lockId, lk.Amount));
    }

    /// <summary>rebond(lockId): puts an unbonding lock back into the bond.</summary>
    public static void Rebond(CallContext ctx, long lockId)
    {
        ctx.RequireRoundInitialized();
        ClaimEarnings(ctx, ctx.Caller);
        CallContext.Require(StatusOf(ctx.State.DelegatorOf(ctx.Caller), ctx.CurrentRound) != DelegatorStatus.Unbonded,
            ProtocolError.DelegatorUnbonded, "nothing is bonded; use rebondFromUnbonded to choose a delegate");
        RequireLock(ctx.State, ctx.Caller, lockId);
        ProcessRebond(ctx, ctx.Caller, lockId);
    }

    /// <summary>rebondFromUnbonded(to, lockId): an unbonded delegator bonds a lock to <paramref name="to"/>.</summary>
    public static void RebondFromUnbonded(CallContext ctx, Address to, long lockId)
    {
        ctx.RequireRoundInitialized();
        var s = ctx.State;
        CallContext.Require(!to.IsZero && !ProtocolAccounts.IsProtocolAccount(to), ProtocolError.InvalidAddress, "cannot delegate to the zero address or a protocol account");
        ClaimEarnings(ctx, ctx.Caller);
        var d = s.DelegatorOf(ctx.Caller);
        CallContext.Require(StatusOf(d, ctx.CurrentRound) == DelegatorStatus.Unbonded, ProtocolError.DelegatorNotUnbonded,
            "already bonded; use rebond to add a lock to the current bond");
        RequireLock(s, ctx.Caller, lockId);
        EarningsFactors.EnsureInitialized(ctx, to);
        s.Delegators.Set(ctx.Caller, d with { StartRound = ctx.CurrentRound + 1, DelegateAddress = to, SlashIndex = s.TranscoderOf(to).SlashCount });
        ProcessRebond(ctx, ctx.Caller, lockId);
    }

    /// <summary>withdrawStake(lockId): pays a due unbonding lock.</summary>
    public static void WithdrawStake(CallContext ctx, long lockId)
    {
        ctx.RequireRoundInitialized();
        var s = ctx.State;
        var lk = RequireLock(s, ctx.Caller, lockId);
        CallContext.Require(lk.WithdrawRound <= ctx.CurrentRound, ProtocolError.UnbondingLockNotWithdrawable,
            $"unbonding lock {lockId} can be withdrawn from round {lk.WithdrawRound}; the current round is {ctx.CurrentRound}");
        s.UnbondingLocks.Remove((ctx.Caller, lockId));
        LivepeerToken.Transfer(ctx, ProtocolAccounts.Minter, ctx.Caller, lk.Amount);
        ctx.Emit(new Events.WithdrawStake(ctx.Caller, lockId, lk.Amount, lk.WithdrawRound));
    }

    /// <summary>withdrawFees(recipient, amount).</summary>
    public static void WithdrawFees(CallContext ctx, Address recipient, UInt256 amount)
    {
        ctx.RequireRoundInitialized();
        var s = ctx.State;
        CallContext.Require(!recipient.IsZero, ProtocolError.InvalidAddress, "fees cannot be sent to the zero address");
        ClaimEarnings(ctx, ctx.Caller);
        var d = s.DelegatorOf(ctx.Caller);
        CallContext.Require(amount <= d.Fees, ProtocolError.InsufficientFees, $"withdraw {amount} exceeds the claimed fees {d.Fees}");
        s.Delegators.Set(ctx.Caller, d with { Fees = d.Fees - amount });
        LivepeerToken.TransferEth(ctx, ProtocolAccounts.Minter, recipient, amount);
        ctx.Emit(new Events.WithdrawFees(ctx.Caller, recipient, amount));
    }

    /// <summary>
    /// transferBond(receiver, amount): unbonds from the caller and rebonds the lock for the receiver. A third party may not
    /// trigger the receiver's claim before its orchestrator's reward (ILLEGAL_CLAIM_EARNINGS), and an unbonded receiver
    /// must not end up delegated to itself (INVALID_DELEGATOR: it would become a registered transcoder against its will).
    /// </summary>
    public static void TransferBond(CallContext ctx, Address receiver, UInt256 amount)
    {
        ctx.RequireRoundInitialized();
        var s = ctx.State;
        CallContext.Require(!receiver.IsZero && !ProtocolAccounts.IsProtocolAccount(receiver), ProtocolError.InvalidAddress, "cannot transfer a bond to the zero address or a protocol account");
        AuthorizeClaimEarnings(ctx, receiver);
        ClaimEarnings(ctx, ctx.Caller);
        var oldDelegate = s.DelegatorOf(ctx.Caller).DelegateAddress;
        var oldLockId = Unbond(ctx, ctx.Caller, amount);
        var lk = s.UnbondingLocks.Get((ctx.Caller, oldLockId))!;
        s.UnbondingLocks.Remove((ctx.Caller, oldLockId));
        var nd = s.DelegatorOf(receiver);
        var newLockId = nd.NextUnbondingLockId;
        s.UnbondingLocks.Set((receiver, newLockId), lk);
        s.Delegators.Set(receiver, nd with { NextUnbondingLockId = newLockId + 1 });
        ctx.Emit(new Events.TransferBond(ctx.Caller, receiver, oldLockId, newLockId, amount));
        ClaimEarnings(ctx, receiver);
        nd = s.DelegatorOf(receiver);
        if (nd.DelegateAddress.IsZero && nd.BondedAmount.IsZero)
        {
            CallContext.Require(oldDelegate != receiver, ProtocolError.TransferBondInvalidDelegator,
                $"{receiver} is not bonded and the bond is delegated to {receiver} itself: the transfer would make it a registered transcoder against its will");
            nd = nd with { DelegateAddress = oldDelegate, SlashIndex = s.TranscoderOf(oldDelegate).SlashCount };
        }
        if (StatusOf(nd, ctx.CurrentRound) == DelegatorStatus.Unbonded) nd = nd with { StartRound = ctx.CurrentRound + 1 };
        s.Delegators.Set(receiver, nd);
        ProcessRebond(ctx, receiver, newLockId);
    }

    // ---------------------------------------------------------------- transcoders

    /// <summary>transcoder(rewardCut, feeShare): sets rates and joins the pool when there is room.</summary>
    public static void TranscoderUpdate(CallContext ctx, long rewardCut, long feeShare)
    {
        ctx.RequireRoundInitialized();
        var s = ctx.State;
        var me = ctx.Caller;
        CallContext.Require(!RoundsManager.IsLocked(s, ctx.Block.Number), ProtocolError.RoundLocked,
            "rates cannot change in the locked last part of a round; try again next round");
        CallContext.Require(rewardCut is >= 0 and <= Ppm.One, ProtocolError.InvalidRewardCut, $"rewardCut is ppm (0..1000000), got {rewardCut}");
        CallContext.Require(feeShare is >= 0 and <= Ppm.One, ProtocolError.InvalidFeeShare, $"feeShare is ppm (0..1000000), got {feeShare}");
        CallContext.Require(IsRegisteredTranscoder(s, me), ProtocolError.TranscoderNotRegistered, "bond to yourself first to register as a transcoder");
        var t = s.TranscoderOf(me);
        CallContext.Require(!t.IsActiveIn(ctx.CurrentRound) || t.LastRewardRound == ctx.CurrentRound, ProtocolError.RewardNotCalledThisRound,
            "an active transcoder must call reward() in this round before changing its rates");
        s.Transcoders.Set(me, t with { RewardCut = rewardCut, FeeShare = feeShare });
        if (!s.Pool.Value.Contains(me)) TryToJoinActiveSet(ctx, me, s.DelegatorOf(me).DelegatedAmount);
        ctx.Emit(new Events.TranscoderUpdate(me, rewardCut, feeShare));
    }

    /// <summary>
    /// reward(): mints the transcoder's share of the round's mintable tokens (Minter.createReward), sends the treasury its
    /// cut at the current round's rate, and updates the transcoder's pool (O(1) in delegators). Once the treasury holds
    /// the ceiling, the next round's cut rate is set to 0 here (this reward still pays the cut), as deployed.
    /// </summary>
    public static void Reward(CallContext ctx)
    {
        ctx.RequireRoundInitialized();
        var s = ctx.State;
        var me = ctx.Caller;
        var round = ctx.CurrentRound;
        CallContext.Require(CanEarn(s, me, round), ProtocolError.NotActiveTranscoder, $"{me} is not an active transcoder in round {round}");
        CallContext.Require(s.TranscoderOf(me).LastRewardRound != round, ProtocolError.RewardAlreadyCalled, $"reward was already called in round {round}");

        var t = s.TranscoderOf(me);
        var stake = s.DelegatorOf(me).DelegatedAmountAtStartOf(round);
        var pool = s.PoolOf(me, round) with { TotalStake = stake, TranscoderRewardCut = t.RewardCut, TranscoderFeeShare = t.FeeShare };
        Minter.ApplyTreasuryCeiling(ctx);

        var rewardTokens = Minter.CreateReward(ctx, stake, s.Totals.Value.CurrentRoundTotalActiveStake);
        var treasuryRewards = PreciseFactor.PercOf(rewardTokens, s.Totals.Value.TreasuryRewardCutRate);
        if (!treasuryRewards.IsZero)
        {
            LivepeerToken.Transfer(ctx, ProtocolAccounts.Minter, ProtocolAccounts.Treasury, treasuryRewards);
            ctx.Emit(new TreasuryReward(me, ProtocolAccounts.Treasury, treasuryRewards));
        }
        var rewards = rewardTokens - treasuryRewards;
        var commission = Ppm.Of(rewards, pool.TranscoderRewardCut);
        var delegatorsRewards = rewards - commission;
        var active = t.CumulativeRewards;
        var rewardStakeRewards = PreciseFactor.PercOf(delegatorsRewards, active, stake);
        var prevCrf = PreciseFactor.OrOne(EarningsFactors.Stored(s, me, t.LastRewardRound).RewardFactor);
        pool = pool with { CumulativeRewardFactor = prevCrf + PreciseFactor.PercOf(prevCrf, delegatorsRewards, stake) };
        s.EarningsPools.Set((me, round), pool);
        s.Transcoders.Set(me, t with
        {
            ActiveCumulativeRewards = active,
            CumulativeRewards = active + rewardStakeRewards + commission,
        });
        IncreaseTotalStake(ctx, me, rewards);
        s.Transcoders.Set(me, s.TranscoderOf(me) with { LastRewardRound = round });
        ctx.Emit(new Events.Reward(me, rewards));
    }

    /// <summary>
    /// Credits redeemed ticket fees to the recipient's pool of the current round (updateTranscoderWithFees). When the
    /// transcoder called reward this round but the previous round's pool holds no reward factor (it skipped reward in the
    /// previous round and nobody claimed through it), that factor is estimated from this round's mintable tokens, as
    /// upstream master does.
    /// </summary>
    public static void UpdateTranscoderWithFees(CallContext ctx, Address transcoder, UInt256 fees)
    {
        var s = ctx.State;
        var round = ctx.CurrentRound;
        var t = s.TranscoderOf(transcoder);
        var pool = s.PoolOf(transcoder, round);
        var (prevCrf, prevCff) = EarningsFactors.Latest(s, transcoder, round - 1);
        var active = t.ActiveCumulativeRewards;
        if (round > t.LastRewardRound)
        {
            pool = pool with
            {
                TotalStake = s.DelegatorOf(transcoder).DelegatedAmountAtStartOf(round),
                TranscoderRewardCut = t.RewardCut,
                TranscoderFeeShare = t.FeeShare,
            };
            active = t.CumulativeRewards;
        }
        var totalStake = pool.TotalStake;
        if (prevCrf.IsZero && t.LastRewardRound == round) prevCrf = EstimatedPreviousRewardFactor(s, pool);
        var delegatorsFees = Ppm.Of(fees, pool.TranscoderFeeShare);
        var commission = fees - delegatorsFees;
        if (totalStake.IsZero)
        {
            commission = fees; // nobody staked (unreachable for an active transcoder): all of it is the transcoder's
        }
        else
        {
            commission += PreciseFactor.PercOf(delegatorsFees, active, totalStake);
            var increment = PreciseFactor.PercOf(PreciseFactor.OrOne(prevCrf), delegatorsFees, totalStake);
            pool = pool with { CumulativeFeeFactor = (pool.CumulativeFeeFactor.IsZero ? prevCff : pool.CumulativeFeeFactor) + increment };
        }
        s.EarningsPools.Set((transcoder, round), pool);
        s.Transcoders.Set(transcoder, t with { CumulativeFees = t.CumulativeFees + commission, LastFeeRound = round });
    }

    /// <summary>
    /// The missed-reward estimate of the previous round's reward factor: this round's reward as if it were minted from
    /// currentMintableTokens alone, less the treasury cut and the commission, gives
    /// prevCRF = percOf(CRF_r, totalStake, delegatorsRewards + totalStake).
    /// </summary>
    private static UInt256 EstimatedPreviousRewardFactor(ProtocolState s, EarningsPool pool)
    {
        var totals = s.Totals.Value;
        var rewards = PreciseFactor.PercOf(s.Minter.Value.CurrentMintableTokens, pool.TotalStake, totals.CurrentRoundTotalActiveStake);
        rewards -= PreciseFactor.PercOf(rewards, totals.TreasuryRewardCutRate);
        var delegatorsRewards = rewards - Ppm.Of(rewards, pool.TranscoderRewardCut);
        return PreciseFactor.PercOf(pool.CumulativeRewardFactor, pool.TotalStake, delegatorsRewards + pool.TotalStake);
    }

    /// <summary>
    /// Slashes a transcoder's whole pool by <paramref name="fraction"/> (ppm): it leaves the pool, its delegated stake
    /// shrinks now and each delegator's stake shrinks in proportion at its next claim. The finder gets
    /// penalty * finderFee / 1e6, the rest is burned. Returns the penalty.
    /// </summary>
    public static UInt256 SlashTranscoder(CallContext ctx, Address transcoder, Address finder, long fraction, long finderFee, string reason)
    {
        var s = ctx.State;
        var delegated = s.DelegatorOf(transcoder).DelegatedAmount;
        CallContext.Require(!delegated.IsZero, ProtocolError.NothingToSlash, $"{transcoder} has no stake to slash");
        ResignTranscoder(ctx, transcoder);
        var penalty = Ppm.Of(delegated, fraction);
        var t = s.TranscoderOf(transcoder);
        var (crf, cff) = EarningsFactors.Latest(s, transcoder, ctx.CurrentRound);
        s.Slashes.Set((transcoder, t.SlashCount), new Slashing.SlashRecord(ctx.CurrentRound, fraction, crf, cff));
        s.Transcoders.Set(transcoder, t with
        {
            SlashCount = t.SlashCount + 1,
            LastSlashRound = ctx.CurrentRound,
            CumulativeRewards = Ppm.Of(t.CumulativeRewards, Ppm.One - fraction),
            ActiveCumulativeRewards = Ppm.Of(t.ActiveCumulativeRewards, Ppm.One - fraction),
        });
        SetDelegatedAmount(ctx, transcoder, delegated - penalty);
        var finderReward = finder.IsZero ? UInt256.Zero : Ppm.Of(penalty, finderFee);
        if (!finderReward.IsZero) LivepeerToken.Transfer(ctx, ProtocolAccounts.Minter, finder, finderReward);
        LivepeerToken.Burn(ctx, ProtocolAccounts.Minter, penalty - finderReward);
        ctx.Emit(new Events.Slashed(transcoder, finder, penalty, finderReward, reason));
        return penalty;
    }
}
