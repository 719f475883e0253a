using System.Collections.Immutable;
using Livepeer.Core;

namespace Livepeer.Ethereum.Tests.Differential;

/// <summary>An account as BondingManager (getDelegator, pendingStake, pendingFees), LivepeerToken and TicketBroker show it.</summary>
public sealed record AccountSnapshot(Address Account, UInt256 PendingStake, UInt256 PendingFees, UInt256 BondedAmount, UInt256 Fees,
    Address DelegateAddress, UInt256 DelegatedAmount, long StartRound, long LastClaimRound, long NextUnbondingLockId, UInt256 LptBalance,
    UInt256 Deposit, UInt256 Reserve, long WithdrawRound);

/// <summary>
/// A transcoder as BondingManager.getTranscoder shows it (the contracts' "never" deactivation round, 2^256 - 1, and the
/// engine's long.MaxValue both read as <see cref="long.MaxValue"/>).
/// </summary>
public sealed record TranscoderSnapshot(Address Transcoder, long LastRewardRound, long RewardCut, long FeeShare, long ActivationRound,
    long DeactivationRound, UInt256 ActiveCumulativeRewards, UInt256 CumulativeRewards, UInt256 CumulativeFees, long LastFeeRound);

/// <summary>Everything the differential test compares at a checkpoint, with no tolerance.</summary>
public sealed record ProtocolSnapshot(long Round, ImmutableArray<AccountSnapshot> Accounts, ImmutableArray<TranscoderSnapshot> Transcoders,
    ImmutableArray<(Address Transcoder, UInt256 Stake)> Pool, UInt256 TotalSupply, UInt256 TreasuryBalance, UInt256 CurrentRoundTotalActiveStake,
    UInt256 NextRoundTotalActiveStake, UInt256 CurrentMintableTokens, UInt256 CurrentMintedTokens)
{
    /// <summary>Every field that differs from <paramref name="other"/>, in words (empty when equal).</summary>
    public IReadOnlyList<string> DifferencesFrom(ProtocolSnapshot other)
    {
        var d = new List<string>();
        void Check<T>(string what, T a, T b)
        {
            if (!EqualityComparer<T>.Default.Equals(a, b)) d.Add($"{what}: {a} vs {b}");
        }
        Check("round", Round, other.Round);
        Check("total supply", TotalSupply, other.TotalSupply);
        Check("treasury", TreasuryBalance, other.TreasuryBalance);
        Check("currentRoundTotalActiveStake", CurrentRoundTotalActiveStake, other.CurrentRoundTotalActiveStake);
        Check("nextRoundTotalActiveStake", NextRoundTotalActiveStake, other.NextRoundTotalActiveStake);
        Check("currentMintableTokens", CurrentMintableTokens, other.CurrentMintableTokens);
        Check("currentMintedTokens", CurrentMintedTokens, other.CurrentMintedTokens);
        Check("pool", string.Join(",", Pool.Select(p => $"{p.Transcoder}:{p.Stake}")), string.Join(",", other.Pool.Select(p => $"{p.Transcoder}:{p.Stake}")));
        foreach (var (a, b) in Accounts.Zip(other.Accounts)) Check($"account {a.Account}", a, b);
        Check("account count", Accounts.Length, other.Accounts.Length);
        foreach (var (a, b) in Transcoders.Zip(other.Transcoders)) Check($"transcoder {a.Transcoder}", a, b);
        Check("transcoder count", Transcoders.Length, other.Transcoders.Length);
        return d;
    }
}
