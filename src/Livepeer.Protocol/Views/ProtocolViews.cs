using System.Collections.Immutable;

namespace Livepeer.Protocol.Views;

/// <summary>Read-only queries over a state at a block (what the ledger's lp_get... methods return). They never change the state.</summary>
public static class ProtocolViews
{
    /// <summary>lp_getDelegator.</summary>
    public static DelegatorView GetDelegator(ProtocolState s, Address a, long blockNumber)
    {
        var round = RoundsManager.RoundOf(s, blockNumber);
        var d = s.DelegatorOf(a);
        var (stake, fees) = BondingManager.PendingStakeAndFees(s, a, round);
        var locks = ImmutableArray.CreateBuilder<(long, UnbondingLock)>();
        for (long id = 0; id < d.NextUnbondingLockId; id++)
            if (s.UnbondingLocks.Get((a, id)) is { } l) locks.Add((id, l));
        return new DelegatorView(a, BondingManager.StatusOf(d, round), d.BondedAmount, d.Fees, stake, fees, d.DelegateAddress, d.DelegatedAmount,
            d.StartRound, d.LastClaimRound, d.NextUnbondingLockId, locks.ToImmutable());
    }

    /// <summary>lp_getTranscoder.</summary>
    public static TranscoderView GetTranscoder(ProtocolState s, Address a, long blockNumber)
    {
        var round = RoundsManager.RoundOf(s, blockNumber);
        var t = s.TranscoderOf(a);
        return new TranscoderView(a, BondingManager.IsRegisteredTranscoder(s, a), BondingManager.CanEarn(s, a, round), s.DelegatorOf(a).DelegatedAmount,
            t.RewardCut, t.FeeShare, t.LastRewardRound, t.LastFeeRound, t.ActivationRound, t.DeactivationRound, t.SlashCount, s.ServiceUris.Get(a) ?? "");
    }

    /// <summary>lp_getEvidence: the state of a failed-verification report.</summary>
    public static EvidenceView GetEvidence(ProtocolState s, Address transcoder, Hash evidence)
    {
        var key = Slashing.SlashingModule.EvidenceKey(transcoder, evidence);
        var report = s.FailedVerificationReports.Get(key);
        return new EvidenceView(transcoder, evidence, report is not null, report?.Reporter ?? default, report?.Round ?? 0,
            s.AttestationCounts.Get(key), s.Governance.Value.VerifierThreshold, s.SettledEvidence.Contains(key));
    }

    /// <summary>lp_getTranscoderPool: the pool (next round's active set), highest stake first.</summary>
    public static ImmutableArray<PoolEntry> GetTranscoderPool(ProtocolState s) => s.Pool.Value.Members;

    /// <summary>lp_getRoundInfo.</summary>
    public static RoundInfoView GetRoundInfo(ProtocolState s, long blockNumber)
    {
        var round = RoundsManager.RoundOf(s, blockNumber);
        var r = s.Rounds.Value;
        var t = s.Totals.Value;
        return new RoundInfoView(round, RoundsManager.StartBlockOf(s, round), r.LastInitializedRound == round, RoundsManager.IsLocked(s, blockNumber),
            r.LastInitializedRound, s.Parameters.Value.RoundLength, s.RoundBlockHashes.Get(round), t.CurrentRoundTotalActiveStake, t.NextRoundTotalActiveStake);
    }

    /// <summary>lp_getMinterInfo.</summary>
    public static MinterInfoView GetMinterInfo(ProtocolState s)
    {
        var m = s.Minter.Value;
        var p = s.Parameters.Value;
        return new MinterInfoView(m.Inflation, p.InflationChange, p.TargetBondingRate, Minter.BondingRate(s), m.CurrentMintableTokens, m.CurrentMintedTokens,
            s.Supply.Value.TotalSupply, m.TotalMinted, m.TotalBurned, s.LptBalanceOf(ProtocolAccounts.Treasury), s.Totals.Value.TreasuryRewardCutRate);
    }

    /// <summary>lp_getSenderInfo.</summary>
    public static SenderInfoView GetSenderInfo(ProtocolState s, Address sender, long blockNumber)
    {
        var round = RoundsManager.RoundOf(s, blockNumber);
        var info = s.SenderOf(sender);
        return new SenderInfoView(sender, info.Deposit, info.WithdrawRound, info.ReserveRemaining, info.ClaimedIn(round), TicketBrokerModule.IsLocked(info, round));
    }

    /// <summary>lp_getProposal.</summary>
    public static ProposalView? GetProposal(ProtocolState s, long id, long blockNumber) =>
        s.Proposals.Get(id) is { } p ? new ProposalView(p, GovernanceModule.StatusOf(s, p, RoundsManager.RoundOf(s, blockNumber))) : null;

    /// <summary>lp_getProposals: all proposals in id order.</summary>
    public static ImmutableArray<ProposalView> GetProposals(ProtocolState s, long blockNumber)
    {
        var round = RoundsManager.RoundOf(s, blockNumber);
        return s.Proposals.Sorted().Select(p => new ProposalView(p.Value, GovernanceModule.StatusOf(s, p.Value, round))).ToImmutableArray();
    }

    /// <summary>lp_getBalance: LPT, ETH and the still-vesting LPT at the block's timestamp.</summary>
    public static BalanceView GetBalance(ProtocolState s, Address a, long timestamp) =>
        new(a, s.LptBalanceOf(a), s.EthBalanceOf(a), s.Vesting.Get(a)?.LockedAt(timestamp) ?? UInt256.Zero);

    /// <summary>lp_getParameters.</summary>
    public static ProtocolParameters GetParameters(ProtocolState s) => s.Parameters.Value;

    /// <summary>The claimable share of a sender's reserve for a recipient in the block's round.</summary>
    public static UInt256 GetClaimableReserve(ProtocolState s, Address sender, Address recipient, long blockNumber) =>
        TicketBrokerModule.ClaimableReserve(s, sender, recipient, RoundsManager.RoundOf(s, blockNumber));
}
