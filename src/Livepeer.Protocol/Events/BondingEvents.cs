using Livepeer.Core;

namespace Livepeer.Protocol.Events;

public sealed record Bond(Address NewDelegate, Address OldDelegate, Address Delegator, UInt256 AdditionalAmount, UInt256 BondedAmount) : ProtocolEvent;
public sealed record Unbond(Address Delegate, Address Delegator, long UnbondingLockId, UInt256 Amount, long WithdrawRound) : ProtocolEvent;
public sealed record Rebond(Address Delegate, Address Delegator, long UnbondingLockId, UInt256 Amount) : ProtocolEvent;
public sealed record WithdrawStake(Address Delegator, long UnbondingLockId, UInt256 Amount, long WithdrawRound) : ProtocolEvent;
public sealed record WithdrawFees(Address Delegator, Address Recipient, UInt256 Amount) : ProtocolEvent;
public sealed record TransferBond(Address OldDelegator, Address NewDelegator, long OldUnbondingLockId, long NewUnbondingLockId, UInt256 Amount) : ProtocolEvent;
public sealed record EarningsClaimed(Address Delegate, Address Delegator, UInt256 Rewards, UInt256 Fees, long StartRound, long EndRound) : ProtocolEvent;
public sealed record Reward(Address Transcoder, UInt256 Amount) : ProtocolEvent;
public sealed record TreasuryReward(Address Transcoder, Address Treasury, UInt256 Amount) : ProtocolEvent;
public sealed record TranscoderUpdate(Address Transcoder, long RewardCut, long FeeShare) : ProtocolEvent;
public sealed record TranscoderActivated(Address Transcoder, long ActivationRound) : ProtocolEvent;
public sealed record TranscoderDeactivated(Address Transcoder, long DeactivationRound) : ProtocolEvent;
