using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

// Livepeer's contract functions as Nethereum typed messages (Nethereum encodes and decodes them from these attributes).
// Names, argument and return types follow ../shared/reference/livepeer-contracts.md.
namespace Livepeer.Ethereum.Chain.Messages;

#pragma warning disable CS1591 // one class per ABI function: the attribute is its documentation

// RoundsManager
[Function("currentRound", "uint256")] public sealed class CurrentRoundFunction : FunctionMessage;
[Function("currentRoundInitialized", "bool")] public sealed class CurrentRoundInitializedFunction : FunctionMessage;
[Function("currentRoundLocked", "bool")] public sealed class CurrentRoundLockedFunction : FunctionMessage;
[Function("currentRoundStartBlock", "uint256")] public sealed class CurrentRoundStartBlockFunction : FunctionMessage;
[Function("lastInitializedRound", "uint256")] public sealed class LastInitializedRoundFunction : FunctionMessage;
[Function("roundLength", "uint256")] public sealed class RoundLengthFunction : FunctionMessage;
[Function("roundLockAmount", "uint256")] public sealed class RoundLockAmountFunction : FunctionMessage;
[Function("lastRoundLengthUpdateRound", "uint256")] public sealed class LastRoundLengthUpdateRoundFunction : FunctionMessage;
[Function("lastRoundLengthUpdateStartBlock", "uint256")] public sealed class LastRoundLengthUpdateStartBlockFunction : FunctionMessage;
[Function("blockHashForRound", "bytes32")] public sealed class BlockHashForRoundFunction : FunctionMessage { [Parameter("uint256", "_round", 1)] public BigInteger Round { get; set; } }
[Function("initializeRound")] public sealed class InitializeRoundFunction : FunctionMessage;

// LivepeerToken
[Function("balanceOf", "uint256")] public sealed class BalanceOfFunction : FunctionMessage { [Parameter("address", "account", 1)] public string Account { get; set; } = ""; }
[Function("totalSupply", "uint256")] public sealed class TotalSupplyFunction : FunctionMessage;
[Function("allowance", "uint256")]
public sealed class AllowanceFunction : FunctionMessage
{
    [Parameter("address", "owner", 1)] public string Owner { get; set; } = "";
    [Parameter("address", "spender", 2)] public string Spender { get; set; } = "";
}
[Function("transfer", "bool")]
public sealed class TransferFunction : FunctionMessage
{
    [Parameter("address", "to", 1)] public string To { get; set; } = "";
    [Parameter("uint256", "value", 2)] public BigInteger Value { get; set; }
}
[Function("approve", "bool")]
public sealed class ApproveFunction : FunctionMessage
{
    [Parameter("address", "spender", 1)] public string Spender { get; set; } = "";
    [Parameter("uint256", "value", 2)] public BigInteger Value { get; set; }
}

// BondingManager
[Function("bond")]
public sealed class BondFunction : FunctionMessage
{
    [Parameter("uint256", "_amount", 1)] public BigInteger Amount { get; set; }
    [Parameter("address", "_to", 2)] public string To { get; set; } = "";
}
[Function("unbond")] public sealed class UnbondFunction : FunctionMessage { [Parameter("uint256", "_amount", 1)] public BigInteger Amount { get; set; } }
[Function("rebond")] public sealed class RebondFunction : FunctionMessage { [Parameter("uint256", "_unbondingLockId", 1)] public BigInteger LockId { get; set; } }
[Function("rebondFromUnbonded")]
public sealed class RebondFromUnbondedFunction : FunctionMessage
{
    [Parameter("address", "_to", 1)] public string To { get; set; } = "";
    [Parameter("uint256", "_unbondingLockId", 2)] public BigInteger LockId { get; set; }
}
[Function("withdrawStake")] public sealed class WithdrawStakeFunction : FunctionMessage { [Parameter("uint256", "_unbondingLockId", 1)] public BigInteger LockId { get; set; } }
[Function("withdrawFees")]
public sealed class WithdrawFeesFunction : FunctionMessage
{
    [Parameter("address", "_recipient", 1)] public string Recipient { get; set; } = "";
    [Parameter("uint256", "_amount", 2)] public BigInteger Amount { get; set; }
}
[Function("transcoder")]
public sealed class TranscoderFunction : FunctionMessage
{
    [Parameter("uint256", "_rewardCut", 1)] public BigInteger RewardCut { get; set; }
    [Parameter("uint256", "_feeShare", 2)] public BigInteger FeeShare { get; set; }
}
[Function("reward")] public sealed class RewardFunction : FunctionMessage;
[Function("claimEarnings")] public sealed class ClaimEarningsFunction : FunctionMessage { [Parameter("uint256", "_endRound", 1)] public BigInteger EndRound { get; set; } }
[Function("pendingStake", "uint256")]
public sealed class PendingStakeFunction : FunctionMessage
{
    [Parameter("address", "_delegator", 1)] public string Delegator { get; set; } = "";
    [Parameter("uint256", "_endRound", 2)] public BigInteger EndRound { get; set; }
}
[Function("pendingFees", "uint256")]
public sealed class PendingFeesFunction : FunctionMessage
{
    [Parameter("address", "_delegator", 1)] public string Delegator { get; set; } = "";
    [Parameter("uint256", "_endRound", 2)] public BigInteger EndRound { get; set; }
}
[Function("getDelegator", typeof(GetDelegatorOutput))] public sealed class GetDelegatorFunction : FunctionMessage { [Parameter("address", "_delegator", 1)] public string Delegator { get; set; } = ""; }
[FunctionOutput]
public sealed class GetDelegatorOutput : IFunctionOutputDTO
{
    [Parameter("uint256", "bondedAmount", 1)] public BigInteger BondedAmount { get; set; }
    [Parameter("uint256", "fees", 2)] public BigInteger Fees { get; set; }
    [Parameter("address", "delegateAddress", 3)] public string DelegateAddress { get; set; } = "";
    [Parameter("uint256", "delegatedAmount", 4)] public BigInteger DelegatedAmount { get; set; }
    [Parameter("uint256", "startRound", 5)] public BigInteger StartRound { get; set; }
    [Parameter("uint256", "lastClaimRound", 6)] public BigInteger LastClaimRound { get; set; }
    [Parameter("uint256", "nextUnbondingLockId", 7)] public BigInteger NextUnbondingLockId { get; set; }
}
[Function("getDelegatorUnbondingLock", typeof(UnbondingLockOutput))]
public sealed class GetDelegatorUnbondingLockFunction : FunctionMessage
{
    [Parameter("address", "_delegator", 1)] public string Delegator { get; set; } = "";
    [Parameter("uint256", "_unbondingLockId", 2)] public BigInteger LockId { get; set; }
}
[FunctionOutput]
public sealed class UnbondingLockOutput : IFunctionOutputDTO
{
    [Parameter("uint256", "amount", 1)] public BigInteger Amount { get; set; }
    [Parameter("uint256", "withdrawRound", 2)] public BigInteger WithdrawRound { get; set; }
}
[Function("getTranscoder", typeof(GetTranscoderOutput))] public sealed class GetTranscoderFunction : FunctionMessage { [Parameter("address", "_transcoder", 1)] public string Transcoder { get; set; } = ""; }
[FunctionOutput]
public sealed class GetTranscoderOutput : IFunctionOutputDTO
{
    [Parameter("uint256", "lastRewardRound", 1)] public BigInteger LastRewardRound { get; set; }
    [Parameter("uint256", "rewardCut", 2)] public BigInteger RewardCut { get; set; }
    [Parameter("uint256", "feeShare", 3)] public BigInteger FeeShare { get; set; }
    [Parameter("uint256", "lastActiveStakeUpdateRound", 4)] public BigInteger LastActiveStakeUpdateRound { get; set; }
    [Parameter("uint256", "activationRound", 5)] public BigInteger ActivationRound { get; set; }
    [Parameter("uint256", "deactivationRound", 6)] public BigInteger DeactivationRound { get; set; }
    [Parameter("uint256", "activeCumulativeRewards", 7)] public BigInteger ActiveCumulativeRewards { get; set; }
    [Parameter("uint256", "cumulativeRewards", 8)] public BigInteger CumulativeRewards { get; set; }
    [Parameter("uint256", "cumulativeFees", 9)] public BigInteger CumulativeFees { get; set; }
    [Parameter("uint256", "lastFeeRound", 10)] public BigInteger LastFeeRound { get; set; }
}
[Function("getFirstTranscoderInPool", "address")] public sealed class GetFirstTranscoderInPoolFunction : FunctionMessage;
[Function("getNextTranscoderInPool", "address")] public sealed class GetNextTranscoderInPoolFunction : FunctionMessage { [Parameter("address", "_transcoder", 1)] public string Transcoder { get; set; } = ""; }
[Function("getTranscoderPoolMaxSize", "uint256")] public sealed class GetTranscoderPoolMaxSizeFunction : FunctionMessage;
[Function("transcoderTotalStake", "uint256")] public sealed class TranscoderTotalStakeFunction : FunctionMessage { [Parameter("address", "_transcoder", 1)] public string Transcoder { get; set; } = ""; }
[Function("delegatorStatus", "uint8")] public sealed class DelegatorStatusFunction : FunctionMessage { [Parameter("address", "_delegator", 1)] public string Delegator { get; set; } = ""; }
[Function("isActiveTranscoder", "bool")] public sealed class IsActiveTranscoderFunction : FunctionMessage { [Parameter("address", "_transcoder", 1)] public string Transcoder { get; set; } = ""; }
[Function("isRegisteredTranscoder", "bool")] public sealed class IsRegisteredTranscoderFunction : FunctionMessage { [Parameter("address", "_transcoder", 1)] public string Transcoder { get; set; } = ""; }
[Function("getTotalBonded", "uint256")] public sealed class GetTotalBondedFunction : FunctionMessage;
[Function("currentRoundTotalActiveStake", "uint256")] public sealed class CurrentRoundTotalActiveStakeFunction : FunctionMessage;
[Function("nextRoundTotalActiveStake", "uint256")] public sealed class NextRoundTotalActiveStakeFunction : FunctionMessage;
[Function("unbondingPeriod", "uint64")] public sealed class UnbondingPeriodFunction : FunctionMessage;
[Function("treasuryRewardCutRate", "uint256")] public sealed class TreasuryRewardCutRateFunction : FunctionMessage;
[Function("treasuryBalanceCeiling", "uint256")] public sealed class TreasuryBalanceCeilingFunction : FunctionMessage;

// Minter
[Function("currentMintableTokens", "uint256")] public sealed class CurrentMintableTokensFunction : FunctionMessage;
[Function("currentMintedTokens", "uint256")] public sealed class CurrentMintedTokensFunction : FunctionMessage;
[Function("inflation", "uint256")] public sealed class InflationFunction : FunctionMessage;
[Function("inflationChange", "uint256")] public sealed class InflationChangeFunction : FunctionMessage;
[Function("targetBondingRate", "uint256")] public sealed class TargetBondingRateFunction : FunctionMessage;

// TicketBroker
[Function("fundDepositAndReserve")]
public sealed class FundDepositAndReserveFunction : FunctionMessage
{
    [Parameter("uint256", "_depositAmount", 1)] public BigInteger DepositAmount { get; set; }
    [Parameter("uint256", "_reserveAmount", 2)] public BigInteger ReserveAmount { get; set; }
}
[Function("unlock")] public sealed class UnlockFunction : FunctionMessage;
[Function("cancelUnlock")] public sealed class CancelUnlockFunction : FunctionMessage;
[Function("withdraw")] public sealed class WithdrawFunction : FunctionMessage;
[Function("redeemWinningTicket")]
public sealed class RedeemWinningTicketFunction : FunctionMessage
{
    [Parameter("tuple", "_ticket", 1)] public TicketStruct Ticket { get; set; } = new();
    [Parameter("bytes", "_sig", 2)] public byte[] Sig { get; set; } = [];
    [Parameter("uint256", "_recipientRand", 3)] public BigInteger RecipientRand { get; set; }
}
public sealed class TicketStruct
{
    [Parameter("address", "recipient", 1)] public string Recipient { get; set; } = "";
    [Parameter("address", "sender", 2)] public string Sender { get; set; } = "";
    [Parameter("uint256", "faceValue", 3)] public BigInteger FaceValue { get; set; }
    [Parameter("uint256", "winProb", 4)] public BigInteger WinProb { get; set; }
    [Parameter("uint256", "senderNonce", 5)] public BigInteger SenderNonce { get; set; }
    [Parameter("bytes32", "recipientRandHash", 6)] public byte[] RecipientRandHash { get; set; } = [];
    [Parameter("bytes", "auxData", 7)] public byte[] AuxData { get; set; } = [];
}
[Function("getSenderInfo", typeof(SenderInfoOutput))] public sealed class GetSenderInfoFunction : FunctionMessage { [Parameter("address", "_sender", 1)] public string Sender { get; set; } = ""; }
[FunctionOutput]
public sealed class SenderInfoOutput : IFunctionOutputDTO
{
    [Parameter("tuple", "sender", 1)] public SenderStruct Sender { get; set; } = new();
    [Parameter("tuple", "reserve", 2)] public ReserveStruct Reserve { get; set; } = new();
}
public sealed class SenderStruct
{
    [Parameter("uint256", "deposit", 1)] public BigInteger Deposit { get; set; }
    [Parameter("uint256", "withdrawRound", 2)] public BigInteger WithdrawRound { get; set; }
}
public sealed class ReserveStruct
{
    [Parameter("uint256", "fundsRemaining", 1)] public BigInteger FundsRemaining { get; set; }
    [Parameter("uint256", "claimedInCurrentRound", 2)] public BigInteger ClaimedInCurrentRound { get; set; }
}
[Function("claimableReserve", "uint256")]
public sealed class ClaimableReserveFunction : FunctionMessage
{
    [Parameter("address", "_reserveHolder", 1)] public string ReserveHolder { get; set; } = "";
    [Parameter("address", "_claimant", 2)] public string Claimant { get; set; } = "";
}
[Function("usedTickets", "bool")]
public sealed class UsedTicketsFunction : FunctionMessage
{
    [Parameter("bytes32", "", 1)] public byte[] TicketHash { get; set; } = [];
}
[Function("unlockPeriod", "uint256")] public sealed class UnlockPeriodFunction : FunctionMessage;
[Function("ticketValidityPeriod", "uint256")] public sealed class TicketValidityPeriodFunction : FunctionMessage;

// ServiceRegistry
[Function("setServiceURI")] public sealed class SetServiceUriFunction : FunctionMessage { [Parameter("string", "_serviceURI", 1)] public string ServiceUri { get; set; } = ""; }
[Function("getServiceURI", "string")] public sealed class GetServiceUriFunction : FunctionMessage { [Parameter("address", "_addr", 1)] public string Addr { get; set; } = ""; }
