namespace Livepeer.Cli.Ledger;

/// <summary>What to do next when the ledger refuses a transaction, by the protocol's reason.</summary>
public static class RefusalHints
{
    /// <summary>A next step for <paramref name="reason"/>, or null.</summary>
    public static string? For(string reason) => reason switch
    {
        "RoundNotInitialized" => "Run `livepeer round initialize`, then try again.",
        "RoundAlreadyInitialized" => "Nothing to do: the round is already initialized.",
        "InsufficientBalance" => "Check the balance with `livepeer lpt balance`.",
        "InsufficientEth" => "Check the balance with `livepeer eth balance`.",
        "TokensLocked" => "Part of this balance is still vesting; see `livepeer lpt balance`.",
        "RoundLocked" => "Wait for the next round (see `livepeer round status`).",
        "DelegatorNotBonded" or "AmountExceedsBonded" or "InvalidUnbondingLock" or "UnbondingLockNotWithdrawable" or "InsufficientFees"
            => "See `livepeer stake status` for bonded stake, fees and unbonding locks.",
        "DelegatorUnbonded" => "Nothing is bonded: bond with `livepeer stake bond AMOUNT --to ORCH`, or rebond a lock with `livepeer stake rebond LOCK_ID --to ORCH`.",
        "TranscoderNotRegistered" => "Register first with `livepeer orchestrator register --stake AMOUNT ...`.",
        "NotActiveTranscoder" => "An orchestrator is active from the round after it bonds; see `livepeer orchestrator list`.",
        "RewardNotCalledThisRound" => "Run `livepeer orchestrator reward` first.",
        "RewardAlreadyCalled" => "Nothing to do until the next round.",
        "IllegalClaimEarnings" => "The receiver's orchestrator has not called reward this round; try again after it does (the receiver itself may act at any time).",
        "TransferBondInvalidDelegator" => "The receiver is unbonded and the stake is delegated to the receiver itself; transfer to an address that is not its own orchestrator.",
        "SenderFundsZero" or "UnlockAlreadyInProgress" or "NoUnlockInProgress" or "AccountLocked" or "SenderUnlocked"
            => "See `livepeer broadcast status`.",
        "ProposalThresholdNotMet" => "Bond more stake first; see `livepeer gov parameters` for the threshold.",
        "UnknownProposal" => "See `livepeer gov list`.",
        "ProposalNotActive" or "ProposalNotSucceeded" or "ProposalAlreadyExecuted" or "AlreadyVoted" => "See `livepeer gov show ID` for its status and voting rounds.",
        "NoVotingPower" => "Votes count the stake bonded to a registered orchestrator at the proposal's snapshot; bond before the next proposal.",
        "NonceTooLow" or "NonceGap" => "Another transaction from this account raced this one; try again.",
        _ => null,
    };
}
