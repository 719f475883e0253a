using System.Collections.Immutable;
using System.Text;

namespace Livepeer.Protocol.Genesis;

/// <summary>Builds the genesis <see cref="ProtocolState"/> and knows DESIGN.md's mainnet-like allocation.</summary>
public static class GenesisBuilder
{
    private const long Year = 365L * 24 * 3600;

    /// <summary>A placeholder holder address for a named allocation: last 20 bytes of keccak256("livepeer.genesis." + name).</summary>
    public static Address NamedHolder(string name) => new(Keccak256.Hash(Encoding.ASCII.GetBytes("livepeer.genesis." + name)).Bytes[12..]);

    /// <summary>
    /// DESIGN.md's 10,000,000 LPT: crowd 6,343,700; team 1,235,000 (1-year cliff, 3-year vesting); investors 1,900,000
    /// (6-month cliff, 1.5-year vesting); company 500,000; community 21,300. Vesting starts at <paramref name="vestingStart"/>.
    /// </summary>
    public static ImmutableArray<GenesisAllocation> MainnetAllocations(long vestingStart) =>
    [
        new("crowd", NamedHolder("crowd"), ProtocolParameters.Lpt(6_343_700)),
        new("team", NamedHolder("team"), ProtocolParameters.Lpt(1_235_000), vestingStart, Year, 3 * Year),
        new("investors", NamedHolder("investors"), ProtocolParameters.Lpt(1_900_000), vestingStart, Year / 2, 3 * Year / 2),
        new("company", NamedHolder("company"), ProtocolParameters.Lpt(500_000)),
        new("community", NamedHolder("community"), ProtocolParameters.Lpt(21_300)),
    ];

    /// <summary>The genesis state; throws <see cref="ArgumentException"/> on an invalid spec.</summary>
    public static ProtocolState Build(GenesisSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ParameterValidator.ThrowIfInvalid(spec.Parameters);
        if (spec.StartBlock < 0) throw new ArgumentException($"startBlock must be >= 0, got {spec.StartBlock}.");
        var s = new ProtocolState(spec.Parameters);
        s.Rounds.LoadRaw(new Rounds.RoundsInfo { LastRoundLengthUpdateRound = 1, LastRoundLengthUpdateStartBlock = spec.StartBlock });
        var supply = UInt256.Zero;
        foreach (var a in spec.Allocations)
        {
            if (a.Holder.IsZero || ProtocolAccounts.IsProtocolAccount(a.Holder))
                throw new ArgumentException($"Allocation '{a.Label}' goes to {a.Holder}, which cannot hold LPT at genesis.");
            if (a.CliffSeconds < 0 || a.VestingSeconds < 0 || a.CliffSeconds > a.VestingSeconds)
                throw new ArgumentException($"Allocation '{a.Label}': cliff ({a.CliffSeconds}s) must be between 0 and the vesting duration ({a.VestingSeconds}s).");
            s.LptBalances.Set(a.Holder, s.LptBalances.Get(a.Holder) + a.Amount);
            supply += a.Amount;
            if (a.Vests)
            {
                var existing = s.Vesting.Get(a.Holder);
                if (existing is not null) throw new ArgumentException($"{a.Holder} has two vesting allocations; give each vesting holder one.");
                s.Vesting.Set(a.Holder, new VestingSchedule(a.Amount, a.VestingStart, a.CliffSeconds, a.VestingSeconds));
            }
        }
        var eth = UInt256.Zero;
        foreach (var (holder, amount) in spec.Eth)
        {
            if (holder.IsZero) throw new ArgumentException("ETH cannot be allocated to the zero address.");
            s.EthBalances.Set(holder, s.EthBalances.Get(holder) + amount);
            eth += amount;
        }
        s.Supply.LoadRaw(new Token.TokenSupply { TotalSupply = supply, TotalEth = eth });
        var verifiers = spec.Verifiers.IsDefault ? ImmutableArray<Address>.Empty : spec.Verifiers.Distinct().Order().ToImmutableArray();
        if (verifiers.Length > 0 && (spec.VerifierThreshold < 1 || spec.VerifierThreshold > verifiers.Length))
            throw new ArgumentException($"verifierThreshold must be between 1 and {verifiers.Length}, got {spec.VerifierThreshold}.");
        s.Governance.LoadRaw(new Governance.GovernanceInfo { Verifiers = verifiers, VerifierThreshold = verifiers.Length == 0 ? 0 : spec.VerifierThreshold });
        return s;
    }
}
