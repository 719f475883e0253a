namespace Livepeer.Protocol.Parameters;

/// <summary>Checks that every parameter is in range; returns what is wrong in words.</summary>
public static class ParameterValidator
{
    /// <summary>Problems found (empty when valid).</summary>
    public static IReadOnlyList<string> Problems(ProtocolParameters p)
    {
        var problems = new List<string>();
        void Range(string name, long value, long min, long max)
        {
            if (value < min || value > max) problems.Add($"{name} must be between {min} and {max}, got {value}.");
        }
        Range(nameof(p.RoundLength), p.RoundLength, 1, 1_000_000);
        Range(nameof(p.RoundLockAmount), p.RoundLockAmount, 0, Ppm.One);
        Range(nameof(p.NumActiveTranscoders), p.NumActiveTranscoders, 1, 1000);
        Range(nameof(p.UnbondingPeriod), p.UnbondingPeriod, 0, 10_000);
        Range(nameof(p.UnlockPeriod), p.UnlockPeriod, 1, 10_000);
        Range(nameof(p.TicketValidityPeriod), p.TicketValidityPeriod, 1, 10_000);
        Range(nameof(p.InitialInflation), p.InitialInflation, 0, Ppb.One);
        Range(nameof(p.InflationChange), p.InflationChange, 0, Ppb.One);
        Range(nameof(p.TargetBondingRate), p.TargetBondingRate, 0, Ppb.One);
        if (p.TreasuryRewardCutRate > PreciseFactor.One)
            problems.Add($"{nameof(p.TreasuryRewardCutRate)} must be at most {PreciseFactor.One} (100 %), got {p.TreasuryRewardCutRate}.");
        Range(nameof(p.VotingDelay), p.VotingDelay, 0, 10_000);
        Range(nameof(p.VotingPeriod), p.VotingPeriod, 1, 10_000);
        Range(nameof(p.Quorum), p.Quorum, 0, Ppm.One);
        Range(nameof(p.Quota), p.Quota, 0, Ppm.One);
        Range(nameof(p.EquivocationSlashFraction), p.EquivocationSlashFraction, 0, Ppm.One);
        Range(nameof(p.FailedVerificationSlashFraction), p.FailedVerificationSlashFraction, 0, Ppm.One);
        Range(nameof(p.FinderFee), p.FinderFee, 0, Ppm.One);
        return problems;
    }

    /// <summary>Throws <see cref="ArgumentException"/> listing every problem.</summary>
    public static void ThrowIfInvalid(ProtocolParameters p)
    {
        var problems = Problems(p);
        if (problems.Count > 0) throw new ArgumentException("Invalid protocol parameters: " + string.Join(" ", problems));
    }
}
