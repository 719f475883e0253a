namespace Livepeer.Protocol.Engine;

/// <summary>Every way a call can fail. Numbers are stable (receipts store them).</summary>
public enum ProtocolError
{
    // General
    ArithmeticOverflow = 1,
    UnknownCall = 2,
    BlockBeforeStart = 3,
    RoundNotInitialized = 4,
    ProtocolAccountCaller = 5,
    InvalidAddress = 6,
    /// <summary>An unexpected failure inside the engine (a bug); the call was rolled back.</summary>
    InternalError = 8,

    // Token
    InsufficientBalance = 100,
    InsufficientAllowance = 101,
    TokensLocked = 102,
    InsufficientEth = 103,

    // Rounds
    RoundAlreadyInitialized = 200,

    // Bonding
    ZeroDelegationAmount = 300,
    BondForCannotSelfDelegate = 301,
    BondForCannotChangeDelegate = 302,
    TranscoderCannotChangeDelegate = 303,
    DelegatorNotBonded = 304,
    ZeroAmount = 305,
    AmountExceedsBonded = 306,
    InvalidUnbondingLock = 307,
    UnbondingLockNotWithdrawable = 308,
    DelegatorNotUnbonded = 309,
    DelegatorUnbonded = 310,
    InsufficientFees = 311,
    RoundLocked = 312,
    InvalidRewardCut = 313,
    InvalidFeeShare = 314,
    TranscoderNotRegistered = 315,
    RewardNotCalledThisRound = 316,
    NotActiveTranscoder = 317,
    RewardAlreadyCalled = 318,
    /// <summary>Retired: claimEarnings(endRound) ignores endRound, as the contracts do.</summary>
    EndRoundInFuture = 319,
    /// <summary>Retired: claimEarnings(endRound) ignores endRound, as the contracts do.</summary>
    EndRoundNotCurrent = 320,
    /// <summary>No longer raised: Livepeer's contract accepts a transferBond to oneself (kept so codes stay stable).</summary>
    TransferBondToSelf = 321,
    /// <summary>A third party triggered a delegator's claim before its orchestrator's reward this round (ILLEGAL_CLAIM_EARNINGS).</summary>
    IllegalClaimEarnings = 322,
    /// <summary>transferBond would make an unbonded receiver delegate to itself (INVALID_DELEGATOR).</summary>
    TransferBondInvalidDelegator = 323,

    // Ticket broker
    ZeroFunding = 400,
    TicketRecipientZero = 401,
    TicketSenderZero = 402,
    InvalidCreationRoundBlockHash = 403,
    TicketExpired = 404,
    RecipientRandMismatch = 405,
    TicketUsed = 406,
    InvalidSignature = 407,
    TicketDidNotWin = 408,
    SenderUnlocked = 409,
    SenderFundsZero = 410,
    RecipientNotActive = 411,
    InsufficientSenderFunds = 412,
    UnlockAlreadyInProgress = 413,
    NoUnlockInProgress = 414,
    AccountLocked = 415,

    // Service registry
    InvalidServiceUri = 500,

    // Slashing
    InvalidEvidence = 600,
    EvidenceAlreadySettled = 601,
    NotAVerifier = 602,
    AlreadyAttested = 603,
    NothingToSlash = 604,
    AlreadyReported = 605,
    UnknownEvidence = 606,

    // Governance
    ProposalThresholdNotMet = 700,
    InvalidProposal = 701,
    UnknownProposal = 702,
    ProposalNotActive = 703,
    AlreadyVoted = 704,
    NoVotingPower = 705,
    ProposalNotSucceeded = 706,
    ProposalAlreadyExecuted = 707,
    InsufficientTreasury = 708,
    InvalidParameterValue = 709,
}
