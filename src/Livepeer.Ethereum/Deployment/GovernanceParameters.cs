using System.Numerics;

namespace Livepeer.Ethereum.Deployment;

/// <summary>
/// Parameters of the governance and verification contracts. Defaults are Livepeer's
/// (LivepeerGovernor.initialize(1 round, 10 rounds, 100 LPT, 333300, 500000), Treasury minDelay 0) and the project's
/// slashing fractions (ProtocolParameters: equivocation 50 %, failed verification 5 %, finder fee 50 %).
/// Fractions use MathUtils precision (1e6 = 100 %).
/// </summary>
public sealed record GovernanceParameters
{
    /// <summary>Rounds between a proposal and its snapshot.</summary>
    public long VotingDelay { get; init; } = 1;
    /// <summary>Rounds a vote stays open after the snapshot.</summary>
    public long VotingPeriod { get; init; } = 10;
    /// <summary>Votes (LPT wei) needed to propose.</summary>
    public BigInteger ProposalThreshold { get; init; } = BigInteger.Parse("100000000000000000000");
    /// <summary>Share of the total active stake that must vote (1e6 precision).</summary>
    public long Quorum { get; init; } = 333_300;
    /// <summary>Share of for + against that for-votes must reach (1e6 precision).</summary>
    public long Quota { get; init; } = 500_000;
    /// <summary>Seconds the Treasury waits between queue and execute.</summary>
    public long TreasuryMinDelay { get; init; }
    /// <summary>The verifier set that attests failed verifications.</summary>
    public IReadOnlyList<string> Verifiers { get; init; } = [];
    /// <summary>Attestations needed to slash (k of n; 0 without verifiers).</summary>
    public int VerifierThreshold { get; init; }
    /// <summary>Fraction of the pool slashed for equivocation.</summary>
    public long EquivocationSlashAmount { get; init; } = 500_000;
    /// <summary>Fraction of the pool slashed for an attested failed verification.</summary>
    public long FailedVerificationSlashAmount { get; init; } = 50_000;
    /// <summary>Fraction of the penalty paid to the finder (the rest is burned).</summary>
    public long FinderFee { get; init; } = 500_000;
}

/// <summary>Where the governance and verification contracts were deployed.</summary>
public sealed record GovernanceAddresses(string BondingVotes, string Treasury, string LivepeerGovernor, string Verifier);
