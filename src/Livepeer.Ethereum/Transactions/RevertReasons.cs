using System.Collections.Frozen;
using Livepeer.Protocol.Engine;

namespace Livepeer.Ethereum.Transactions;

/// <summary>
/// Livepeer's contracts' revert reason strings mapped to the project's <see cref="ProtocolError"/> where they mean the
/// same thing, so a refusal on an EVM chain gets the same typed reason (and CLI hint) as on the embedded ledger.
/// </summary>
public static class RevertReasons
{
    private static readonly FrozenDictionary<string, ProtocolError> Known = new Dictionary<string, ProtocolError>(StringComparer.Ordinal)
    {
        // RoundsManager / Manager
        ["round already initialized"] = ProtocolError.RoundAlreadyInitialized,
        ["current round is not initialized"] = ProtocolError.RoundNotInitialized,
        // BondingManager
        ["caller must be bonded"] = ProtocolError.DelegatorNotBonded,
        ["caller must be unbonded"] = ProtocolError.DelegatorNotUnbonded,
        ["unbond amount must be greater than 0"] = ProtocolError.ZeroAmount,
        ["amount is greater than bonded amount"] = ProtocolError.AmountExceedsBonded,
        ["invalid unbonding lock ID"] = ProtocolError.InvalidUnbondingLock,
        ["withdraw round must be before or equal to the current round"] = ProtocolError.UnbondingLockNotWithdrawable,
        ["insufficient fees to withdraw"] = ProtocolError.InsufficientFees,
        ["invalid recipient"] = ProtocolError.InvalidAddress,
        ["caller must be an active transcoder"] = ProtocolError.NotActiveTranscoder,
        ["caller has already called reward for the current round"] = ProtocolError.RewardAlreadyCalled,
        ["can't update transcoder params, current round is locked"] = ProtocolError.RoundLocked,
        ["caller can't be active or must have already called reward for the current round"] = ProtocolError.RewardNotCalledThisRound,
        ["invalid rewardCut percentage"] = ProtocolError.InvalidRewardCut,
        ["invalid feeShare percentage"] = ProtocolError.InvalidFeeShare,
        ["transcoder must be registered"] = ProtocolError.TranscoderNotRegistered,
        ["transcoder must be active"] = ProtocolError.RecipientNotActive,
        ["delegation amount must be greater than 0"] = ProtocolError.ZeroDelegationAmount,
        ["registered transcoders can't delegate towards other addresses"] = ProtocolError.TranscoderCannotChangeDelegate,
        ["INVALID_DELEGATE_CHANGE"] = ProtocolError.BondForCannotChangeDelegate,
        ["transcoder has no stake to slash"] = ProtocolError.NothingToSlash,
        // TicketBroker
        ["funding amount must be greater than 0"] = ProtocolError.ZeroFunding,
        ["ticket recipient is null address"] = ProtocolError.TicketRecipientZero,
        ["ticket sender is null address"] = ProtocolError.TicketSenderZero,
        ["ticket creationRound does not have a block hash"] = ProtocolError.InvalidCreationRoundBlockHash,
        ["ticket creationRoundBlockHash invalid for creationRound"] = ProtocolError.InvalidCreationRoundBlockHash,
        ["ticket is expired"] = ProtocolError.TicketExpired,
        ["recipientRand does not match recipientRandHash"] = ProtocolError.RecipientRandMismatch,
        ["ticket is used"] = ProtocolError.TicketUsed,
        ["invalid signature over ticket hash"] = ProtocolError.InvalidSignature,
        ["ticket did not win"] = ProtocolError.TicketDidNotWin,
        ["sender is unlocked"] = ProtocolError.SenderUnlocked,
        ["sender deposit and reserve are zero"] = ProtocolError.SenderFundsZero,
        ["sender deposit and reserve are insufficient"] = ProtocolError.InsufficientSenderFunds,
        ["INVALID_SIGNATURE_LENGTH"] = ProtocolError.InvalidSignature,
        ["unlock already initiated"] = ProtocolError.UnlockAlreadyInProgress,
        ["no unlock request in progress"] = ProtocolError.NoUnlockInProgress,
        ["account is locked"] = ProtocolError.AccountLocked,
        // Verifier
        ["evidence names no orchestrator"] = ProtocolError.InvalidEvidence,
        ["both results have the same hash: signing the same result twice is not equivocation"] = ProtocolError.InvalidEvidence,
        ["the two results are for different source segments: an orchestrator may answer each source once"] = ProtocolError.InvalidEvidence,
        ["first result is not signed by the orchestrator"] = ProtocolError.InvalidEvidence,
        ["second result is not signed by the orchestrator"] = ProtocolError.InvalidEvidence,
        ["no transcoder named"] = ProtocolError.InvalidEvidence,
        ["the evidence hash is zero: give keccak256 of the evidence bundle"] = ProtocolError.InvalidEvidence,
        ["give the URI where verifiers download the evidence (1 to 512 characters)"] = ProtocolError.InvalidEvidence,
        ["this segment's equivocation was already slashed"] = ProtocolError.EvidenceAlreadySettled,
        ["this failed verification was already slashed"] = ProtocolError.EvidenceAlreadySettled,
        ["this evidence was already reported"] = ProtocolError.AlreadyReported,
        ["caller is not in the verifier set"] = ProtocolError.NotAVerifier,
        ["no failed verification was reported with this evidence"] = ProtocolError.UnknownEvidence,
        ["caller already attested this evidence"] = ProtocolError.AlreadyAttested,
        // LivepeerToken (OpenZeppelin 4 strings; OpenZeppelin 5 uses custom errors)
        ["ERC20: transfer amount exceeds balance"] = ProtocolError.InsufficientBalance,
        ["ERC20: insufficient allowance"] = ProtocolError.InsufficientAllowance,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    // OpenZeppelin 5's ERC-20 custom errors, by selector.
    private static readonly FrozenDictionary<string, ProtocolError> KnownCustomErrors = new Dictionary<string, ProtocolError>(StringComparer.Ordinal)
    {
        ["custom error 0xe450d38c"] = ProtocolError.InsufficientBalance,   // ERC20InsufficientBalance(address,uint256,uint256)
        ["custom error 0xfb8f41b2"] = ProtocolError.InsufficientAllowance, // ERC20InsufficientAllowance(address,uint256,uint256)
        // OpenZeppelin 5's Governor and LivepeerGovernor's vote counting
        [Custom("GovernorInsufficientProposerVotes(address,uint256,uint256)")] = ProtocolError.ProposalThresholdNotMet,
        [Custom("GovernorInvalidProposalLength(uint256,uint256,uint256)")] = ProtocolError.InvalidProposal,
        [Custom("GovernorNonexistentProposal(uint256)")] = ProtocolError.UnknownProposal,
        [Custom("GovernorAlreadyCastVote(address)")] = ProtocolError.AlreadyVoted,
        [Custom("VoteAlreadyCast()")] = ProtocolError.AlreadyVoted,
        [Custom("NoVotingPower(address)")] = ProtocolError.NoVotingPower,
        [Custom("InvalidVoteType(uint8)")] = ProtocolError.InvalidProposal,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static string Custom(string signature) =>
        "custom error 0x" + Nethereum.Util.Sha3Keccack.Current.CalculateHash(signature)[..8];

    /// <summary>The protocol error a revert reason means, or null when it has no equivalent.</summary>
    public static ProtocolError? ToProtocolError(RevertReason reason) =>
        Known.TryGetValue(reason.Text, out var error) || KnownCustomErrors.TryGetValue(reason.Text, out error) ? error : null;
}
