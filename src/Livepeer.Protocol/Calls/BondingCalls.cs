using Livepeer.Core;

namespace Livepeer.Protocol.Calls;

/// <summary>bond(amount, to): the caller bonds its own LPT.</summary>
public sealed record BondCall(UInt256 Amount, Address To) : ProtocolCall;
/// <summary>bondFor(amount, owner, to): the caller pays, the owner's bond grows (guards against forced delegation).</summary>
public sealed record BondForCall(UInt256 Amount, Address Owner, Address To) : ProtocolCall;
/// <summary>unbond(amount).</summary>
public sealed record UnbondCall(UInt256 Amount) : ProtocolCall;
/// <summary>rebond(unbondingLockId).</summary>
public sealed record RebondCall(long UnbondingLockId) : ProtocolCall;
/// <summary>rebondFromUnbonded(to, unbondingLockId).</summary>
public sealed record RebondFromUnbondedCall(Address To, long UnbondingLockId) : ProtocolCall;
/// <summary>withdrawStake(unbondingLockId).</summary>
public sealed record WithdrawStakeCall(long UnbondingLockId) : ProtocolCall;
/// <summary>withdrawFees(recipient, amount).</summary>
public sealed record WithdrawFeesCall(Address Recipient, UInt256 Amount) : ProtocolCall;
/// <summary>transcoder(rewardCut, feeShare), both ppm.</summary>
public sealed record TranscoderUpdateCall(long RewardCut, long FeeShare) : ProtocolCall;
/// <summary>reward().</summary>
public sealed record RewardCall : ProtocolCall;
/// <summary>claimEarnings(endRound): endRound must be the current round (bond-changing calls always claim through it).</summary>
public sealed record ClaimEarningsCall(long EndRound) : ProtocolCall;
/// <summary>transferBond(delegator, amount): moves part of the caller's bond to another delegator.</summary>
public sealed record TransferBondCall(Address Delegator, UInt256 Amount) : ProtocolCall;
