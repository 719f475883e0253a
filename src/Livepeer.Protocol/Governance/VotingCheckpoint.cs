using Livepeer.Core;

namespace Livepeer.Protocol.Governance;

/// <summary>An account's bonding state as it counts for votes from <see cref="Round"/> on (LivepeerGovernor's BondingVotes checkpoints).</summary>
public sealed record VotingCheckpoint(long Round, UInt256 BondedAmount, Address DelegateAddress, UInt256 DelegatedAmount);
