namespace Livepeer.Protocol.Parameters;

/// <summary>
/// Every protocol parameter in one place (DESIGN.md section 4). Fractions: rewardCut, feeShare, slash fractions,
/// finder fee, quorum and quota in parts per million; the treasury cut in 1e27 parts; inflation, inflationChange and
/// targetBondingRate in parts per billion.
/// </summary>
public sealed record ProtocolParameters
{
    /// <summary>Blocks per round.</summary>
    public long RoundLength { get; init; } = 6377;
    /// <summary>The locked tail of a round (ppm of roundLength) during which transcoder rates cannot change.</summary>
    public long RoundLockAmount { get; init; } = 100_000;
    /// <summary>Maximum size of the transcoder pool (the active set).</summary>
    public int NumActiveTranscoders { get; init; } = 100;
    /// <summary>Rounds between unbond and withdrawStake.</summary>
    public long UnbondingPeriod { get; init; } = 7;
    /// <summary>Rounds between a sender's unlock and withdraw.</summary>
    public long UnlockPeriod { get; init; } = 2;
    /// <summary>Rounds a ticket stays redeemable after its creation round.</summary>
    public long TicketValidityPeriod { get; init; } = 2;
    /// <summary>Inflation at genesis (ppb of total supply per round).</summary>
    public long InitialInflation { get; init; } = 220_500;
    /// <summary>Per-round change of inflation toward the target bonding rate (ppb).</summary>
    public long InflationChange { get; init; } = 500;
    /// <summary>Target bonding rate (ppb).</summary>
    public long TargetBondingRate { get; init; } = 500_000_000;
    /// <summary>
    /// Share of each reward sent to the treasury, 1e27 = 100 % (PreciseMathUtils). This is the contracts'
    /// nextRoundTreasuryRewardCutRate: a change applies from the next initializeRound.
    /// </summary>
    public UInt256 TreasuryRewardCutRate { get; init; } = PreciseFactor.PercPoints(1, 10);
    /// <summary>Once the treasury holds this much LPT, the treasury cut is switched off.</summary>
    public UInt256 TreasuryBalanceCeiling { get; init; } = Lpt(750_000);
    /// <summary>Stake needed to create a proposal.</summary>
    public UInt256 ProposalThreshold { get; init; } = Lpt(100);
    /// <summary>Rounds between a proposal and the start of its vote.</summary>
    public long VotingDelay { get; init; } = 1;
    /// <summary>Rounds the vote lasts.</summary>
    public long VotingPeriod { get; init; } = 10;
    /// <summary>Share of the active stake that must vote (for + against + abstain), ppm.</summary>
    public long Quorum { get; init; } = 333_300;
    /// <summary>Share of for-votes among for + against needed to pass, ppm.</summary>
    public long Quota { get; init; } = 500_000;
    /// <summary>Fraction of stake slashed for double-signing a segment (ppm).</summary>
    public long EquivocationSlashFraction { get; init; } = 500_000;
    /// <summary>Fraction of stake slashed when the verifier set attests a failed verification (ppm).</summary>
    public long FailedVerificationSlashFraction { get; init; } = 50_000;
    /// <summary>Share of the penalty paid to whoever brought the evidence (ppm); the rest is burned.</summary>
    public long FinderFee { get; init; } = 500_000;

    /// <summary>Mainnet-like values from Livepeer's deployed contracts.</summary>
    public static ProtocolParameters Mainnet { get; } = new();

    /// <summary>A fast local network: 20-block rounds, short periods, a small active set.</summary>
    public static ProtocolParameters Devnet { get; } = new()
    {
        RoundLength = 20,
        NumActiveTranscoders = 10,
        UnbondingPeriod = 2,
        UnlockPeriod = 2,
        TicketValidityPeriod = 2,
        VotingDelay = 1,
        VotingPeriod = 3,
    };

    /// <summary>n whole LPT in wei.</summary>
    public static UInt256 Lpt(ulong tokens) => TokenAmount.Lpt(tokens).Wei;

    /// <summary>The value of one named parameter as an integer.</summary>
    public UInt256 Get(ParameterName name) => name switch
    {
        ParameterName.RoundLength => (UInt256)RoundLength,
        ParameterName.RoundLockAmount => (UInt256)RoundLockAmount,
        ParameterName.NumActiveTranscoders => (UInt256)NumActiveTranscoders,
        ParameterName.UnbondingPeriod => (UInt256)UnbondingPeriod,
        ParameterName.UnlockPeriod => (UInt256)UnlockPeriod,
        ParameterName.TicketValidityPeriod => (UInt256)TicketValidityPeriod,
        ParameterName.InflationChange => (UInt256)InflationChange,
        ParameterName.TargetBondingRate => (UInt256)TargetBondingRate,
        ParameterName.TreasuryRewardCutRate => TreasuryRewardCutRate,
        ParameterName.TreasuryBalanceCeiling => TreasuryBalanceCeiling,
        ParameterName.ProposalThreshold => ProposalThreshold,
        ParameterName.VotingDelay => (UInt256)VotingDelay,
        ParameterName.VotingPeriod => (UInt256)VotingPeriod,
        ParameterName.Quorum => (UInt256)Quorum,
        ParameterName.Quota => (UInt256)Quota,
        ParameterName.EquivocationSlashFraction => (UInt256)EquivocationSlashFraction,
        ParameterName.FailedVerificationSlashFraction => (UInt256)FailedVerificationSlashFraction,
        ParameterName.FinderFee => (UInt256)FinderFee,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Unknown parameter."),
    };

    /// <summary>A copy with one parameter changed; integers too large for the field are rejected by <see cref="ParameterValidator"/>.</summary>
    public ProtocolParameters With(ParameterName name, UInt256 value)
    {
        long Small() => value > (UInt256)long.MaxValue ? long.MaxValue : (long)value;
        return name switch
        {
            ParameterName.RoundLength => this with { RoundLength = Small() },
            ParameterName.RoundLockAmount => this with { RoundLockAmount = Small() },
            ParameterName.NumActiveTranscoders => this with { NumActiveTranscoders = (int)Math.Min(Small(), int.MaxValue) },
            ParameterName.UnbondingPeriod => this with { UnbondingPeriod = Small() },
            ParameterName.UnlockPeriod => this with { UnlockPeriod = Small() },
            ParameterName.TicketValidityPeriod => this with { TicketValidityPeriod = Small() },
            ParameterName.InflationChange => this with { InflationChange = Small() },
            ParameterName.TargetBondingRate => this with { TargetBondingRate = Small() },
            ParameterName.TreasuryRewardCutRate => this with { TreasuryRewardCutRate = value },
            ParameterName.TreasuryBalanceCeiling => this with { TreasuryBalanceCeiling = value },
            ParameterName.ProposalThreshold => this with { ProposalThreshold = value },
            ParameterName.VotingDelay => this with { VotingDelay = Small() },
            ParameterName.VotingPeriod => this with { VotingPeriod = Small() },
            ParameterName.Quorum => this with { Quorum = Small() },
            ParameterName.Quota => this with { Quota = Small() },
            ParameterName.EquivocationSlashFraction => this with { EquivocationSlashFraction = Small() },
            ParameterName.FailedVerificationSlashFraction => this with { FailedVerificationSlashFraction = Small() },
            ParameterName.FinderFee => this with { FinderFee = Small() },
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Unknown parameter."),
        };
    }
}
