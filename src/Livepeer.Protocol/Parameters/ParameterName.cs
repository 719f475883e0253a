namespace Livepeer.Protocol.Parameters;

/// <summary>The parameters governance may change (the typed list a proposal picks from). Numbers are stable: they are serialized.</summary>
public enum ParameterName
{
    RoundLength = 1,
    RoundLockAmount = 2,
    NumActiveTranscoders = 3,
    UnbondingPeriod = 4,
    UnlockPeriod = 5,
    TicketValidityPeriod = 6,
    InflationChange = 7,
    TargetBondingRate = 8,
    TreasuryRewardCutRate = 9,
    TreasuryBalanceCeiling = 10,
    ProposalThreshold = 11,
    VotingDelay = 12,
    VotingPeriod = 13,
    Quorum = 14,
    Quota = 15,
    EquivocationSlashFraction = 16,
    FailedVerificationSlashFraction = 17,
    FinderFee = 18,
}
