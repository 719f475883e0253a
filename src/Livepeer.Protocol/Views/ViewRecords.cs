using System.Collections.Immutable;

namespace Livepeer.Protocol.Views;

/// <summary>A delegator as the ledger's lp_getDelegator shows it (pending values claimed through the current round).</summary>
public sealed record DelegatorView(Address Address, DelegatorStatus Status, UInt256 BondedAmount, UInt256 Fees, UInt256 PendingStake, UInt256 PendingFees,
    Address DelegateAddress, UInt256 DelegatedAmount, long StartRound, long LastClaimRound, long NextUnbondingLockId,
    ImmutableArray<(long Id, UnbondingLock Lock)> UnbondingLocks);

/// <summary>A transcoder as lp_getTranscoder shows it.</summary>
public sealed record TranscoderView(Address Address, bool Registered, bool Active, UInt256 TotalStake, long RewardCut, long FeeShare,
    long LastRewardRound, long LastFeeRound, long ActivationRound, long DeactivationRound, long SlashCount, string ServiceUri);

/// <summary>Round facts for lp_getRoundInfo.</summary>
public sealed record RoundInfoView(long CurrentRound, long CurrentRoundStartBlock, bool Initialized, bool Locked, long LastInitializedRound,
    long RoundLength, Hash CurrentRoundBlockHash, UInt256 CurrentRoundTotalActiveStake, UInt256 NextRoundTotalActiveStake);

/// <summary>Minter facts for lp_getMinterInfo.</summary>
public sealed record MinterInfoView(long Inflation, long InflationChange, long TargetBondingRate, long BondingRate, UInt256 CurrentMintableTokens,
    UInt256 CurrentMintedTokens, UInt256 TotalSupply, UInt256 TotalMinted, UInt256 TotalBurned, UInt256 TreasuryBalance, UInt256 TreasuryRewardCutRate);

/// <summary>Sender funds for lp_getSenderInfo.</summary>
public sealed record SenderInfoView(Address Sender, UInt256 Deposit, long WithdrawRound, UInt256 ReserveRemaining, UInt256 ReserveClaimedInCurrentRound, bool Locked);

/// <summary>A proposal with its status for lp_getProposal.</summary>
public sealed record ProposalView(Proposal Proposal, ProposalStatus Status);

/// <summary>An account's balances for lp_getBalance.</summary>
public sealed record BalanceView(Address Address, UInt256 Lpt, UInt256 Eth, UInt256 LockedLpt);
