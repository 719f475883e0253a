namespace Livepeer.Protocol.Simulation;

/// <summary>What to simulate. Probabilities are per mille per round.</summary>
public sealed record SimulationOptions
{
    /// <summary>Rounds to run.</summary>
    public int Rounds { get; init; } = 100;
    /// <summary>Orchestrators.</summary>
    public int Orchestrators { get; init; } = 10;
    /// <summary>Delegators.</summary>
    public int Delegators { get; init; } = 50;
    /// <summary>Broadcasters paying fees.</summary>
    public int Broadcasters { get; init; } = 5;
    /// <summary>Seed of every random choice.</summary>
    public ulong Seed { get; init; } = 1;
    /// <summary>Share of orchestrators that are unreliable (skip reward half the time), per mille.</summary>
    public int UnreliableOrchestrators { get; init; } = 300;
    /// <summary>Chance a delegator bonds more in a round, per mille.</summary>
    public int BondChance { get; init; } = 60;
    /// <summary>Chance a delegator unbonds part of its stake in a round, per mille.</summary>
    public int UnbondChance { get; init; } = 30;
    /// <summary>Winning tickets per broadcaster per round.</summary>
    public int TicketsPerBroadcasterPerRound { get; init; } = 4;
    /// <summary>Face value of a ticket (wei).</summary>
    public ulong TicketFaceValue { get; init; } = 10_000_000_000_000_000; // 0.01 ETH
    /// <summary>Protocol parameters (roundLength only sets block numbers).</summary>
    public ProtocolParameters Parameters { get; init; } = ProtocolParameters.Mainnet with { NumActiveTranscoders = 100 };

    /// <summary>Problems with the options (empty when fine).</summary>
    public IReadOnlyList<string> Problems()
    {
        var p = new List<string>();
        if (Rounds is < 1 or > 100_000) p.Add($"rounds must be 1..100000, got {Rounds}.");
        if (Orchestrators is < 1 or > 1000) p.Add($"orchestrators must be 1..1000, got {Orchestrators}.");
        if (Delegators is < 0 or > 100_000) p.Add($"delegators must be 0..100000, got {Delegators}.");
        if (Broadcasters is < 0 or > 1000) p.Add($"broadcasters must be 0..1000, got {Broadcasters}.");
        foreach (var (name, v) in new[] { ("unreliable", UnreliableOrchestrators), ("bond chance", BondChance), ("unbond chance", UnbondChance) })
            if (v is < 0 or > 1000) p.Add($"{name} is per mille (0..1000), got {v}.");
        p.AddRange(ParameterValidator.Problems(Parameters));
        return p;
    }
}
