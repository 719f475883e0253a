namespace Livepeer.Protocol.Governance;

/// <summary>
/// An account's bonding state as it counts for votes from <see cref="Round"/> on (BondingVotes' BondingCheckpoint): its
/// delegator record, its transcoder record's lastRewardRound, and how many of its delegate's slashes it has absorbed.
/// </summary>
public sealed record VotingCheckpoint(long Round, UInt256 BondedAmount, Address DelegateAddress, UInt256 DelegatedAmount,
    long LastClaimRound, long LastRewardRound, long SlashIndex);
