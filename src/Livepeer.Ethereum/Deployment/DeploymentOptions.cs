using System.Numerics;

namespace Livepeer.Ethereum.Deployment;

/// <summary>LPT minted at deployment to <paramref name="Holder"/> (wei).</summary>
public sealed record InitialBalance(string Holder, BigInteger Amount);

/// <summary>What a deployment sets up beyond the protocol parameters.</summary>
public sealed record DeploymentOptions
{
    /// <summary>LPT minted at deployment (the deployer mints them, then gives up the minter role).</summary>
    public IReadOnlyList<InitialBalance> InitialBalances { get; init; } = [];

    /// <summary>Registered as "Verifier" (the only caller of slashTranscoder) when set; the verification step may register its own.</summary>
    public string? Verifier { get; init; }
}
