using Livepeer.Core;

namespace Livepeer.Protocol.Events;

/// <summary>A bond was created, increased or moved to a new delegate.</summary>
public sealed record Bond(Address NewDelegate, Address OldDelegate, Address Delegator, UInt256 AdditionalAmount, UInt256 BondedAmount) : ProtocolEvent;
/// <summary>Stake entered an unbonding lock.</summary>
public sealed record Unbond(Address Delegate, Address Delegator, long UnbondingLockId, UInt256 Amount, long WithdrawRound) : ProtocolEvent;
/// <summary>An unbonding lock went back into the bond.</summary>
public sealed record Rebond(Address Delegate, Address Delegator, long UnbondingLockId, UInt256 Amount) : ProtocolEvent;
/// <summary>A due unbonding lock was paid out.</summary>
public sealed record WithdrawStake(Address Delegator, long UnbondingLockId, UInt256 Amount, long WithdrawRound) : ProtocolEvent;
/// <summary>Claimed fees were paid out in ETH.</summary>
public sealed record WithdrawFees(Address Delegator, Address Recipient, UInt256 Amount) : ProtocolEvent;
/// <summary>Part of a bond moved to another delegator.</summary>
public sealed record TransferBond(Address OldDelegator, Address NewDelegator, long OldUnbondingLockId, long NewUnbondingLockId, UInt256 Amount) : ProtocolEvent;
/// <summary>Rewards and fees were claimed into the bond (LIP-36).</summary>
public sealed record EarningsClaimed(Address Delegate, Address Delegator, UInt256 Rewards, UInt256 Fees, long StartRound, long EndRound) : ProtocolEvent;
/// <summary>A transcoder called reward(); the amount went to its pool (after the treasury cut).</summary>
public sealed record Reward(Address Transcoder, UInt256 Amount) : ProtocolEvent;
/// <summary>The treasury cut of a reward.</summary>
public sealed record TreasuryReward(Address Transcoder, Address Treasury, UInt256 Amount) : ProtocolEvent;
/// <summary>A transcoder set its reward cut and fee share (ppm).</summary>
public sealed record TranscoderUpdate(Address Transcoder, long RewardCut, long FeeShare) : ProtocolEvent;
/// <summary>A transcoder joined the pool; it is active from the given round.</summary>
public sealed record TranscoderActivated(Address Transcoder, long ActivationRound) : ProtocolEvent;
/// <summary>A transcoder left the pool; it is inactive from the given round.</summary>
public sealed record TranscoderDeactivated(Address Transcoder, long DeactivationRound) : ProtocolEvent;
