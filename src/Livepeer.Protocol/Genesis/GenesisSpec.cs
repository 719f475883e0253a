using System.Collections.Immutable;

namespace Livepeer.Protocol.Genesis;

/// <summary>Everything a chain starts from: parameters, the start block of round 1, LPT allocations, ETH balances, verifiers.</summary>
public sealed record GenesisSpec
{
    /// <summary>Protocol parameters.</summary>
    public ProtocolParameters Parameters { get; init; } = ProtocolParameters.Devnet;
    /// <summary>The first block of round 1.</summary>
    public long StartBlock { get; init; }
    /// <summary>LPT allocations.</summary>
    public ImmutableArray<GenesisAllocation> Allocations { get; init; } = ImmutableArray<GenesisAllocation>.Empty;
    /// <summary>ETH balances (wei).</summary>
    public ImmutableArray<(Address Holder, UInt256 Amount)> Eth { get; init; } = ImmutableArray<(Address, UInt256)>.Empty;
    /// <summary>The initial verifier set.</summary>
    public ImmutableArray<Address> Verifiers { get; init; } = ImmutableArray<Address>.Empty;
    /// <summary>Attestations needed to slash on failed verification.</summary>
    public int VerifierThreshold { get; init; }
}
