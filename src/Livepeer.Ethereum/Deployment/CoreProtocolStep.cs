using System.Numerics;
using Livepeer.Protocol.Parameters;

namespace Livepeer.Ethereum.Deployment;

/// <summary>
/// The core protocol: LivepeerToken, Minter, RoundsManager, BondingManager, TicketBroker (also registered as
/// JobsManager, as Livepeer does) and ServiceRegistry, configured from the <see cref="ProtocolParameters"/>, with the
/// initial LPT minted and the token's minter and burner roles given to the Minter.
/// </summary>
public sealed class CoreProtocolStep : IDeploymentStep
{
    /// <inheritdoc />
    public string Name => "core protocol";

    /// <inheritdoc />
    public async Task RunAsync(DeploymentContext c, CancellationToken ct)
    {
        var p = c.Parameters;
        var token = await c.DeployAsync(ContractNames.LivepeerToken, ct);
        var minter = await c.DeployAsync(ContractNames.Minter, ct, c.Controller,
            new BigInteger(p.InitialInflation), new BigInteger(p.InflationChange), new BigInteger(p.TargetBondingRate));
        var rounds = await c.DeployAsync(ContractNames.RoundsManager, ct, c.Controller);
        var bonding = await c.DeployAsync(ContractNames.BondingManager, ct, c.Controller);
        var broker = await c.DeployAsync(ContractNames.TicketBroker, ct, c.Controller);
        var service = await c.DeployAsync(ContractNames.ServiceRegistry, ct, c.Controller);

        await c.SendAsync(ContractNames.RoundsManager, rounds, "setRoundLength", ct, new BigInteger(p.RoundLength));
        await c.SendAsync(ContractNames.RoundsManager, rounds, "setRoundLockAmount", ct, new BigInteger(p.RoundLockAmount));
        await c.SendAsync(ContractNames.BondingManager, bonding, "setUnbondingPeriod", ct, (ulong)p.UnbondingPeriod);
        await c.SendAsync(ContractNames.BondingManager, bonding, "setNumActiveTranscoders", ct, new BigInteger(p.NumActiveTranscoders));
        await c.SendAsync(ContractNames.BondingManager, bonding, "setTreasuryBalanceCeiling", ct, p.TreasuryBalanceCeiling.Value);
        await c.SendAsync(ContractNames.TicketBroker, broker, "setUnlockPeriod", ct, new BigInteger(p.UnlockPeriod));
        await c.SendAsync(ContractNames.TicketBroker, broker, "setTicketValidityPeriod", ct, new BigInteger(p.TicketValidityPeriod));

        var minterRole = Role("MINTER_ROLE");
        if (c.Options.InitialBalances.Count > 0)
        {
            await c.SendAsync(ContractNames.LivepeerToken, token, "grantRole", ct, minterRole, c.Deployer);
            foreach (var b in c.Options.InitialBalances)
                await c.SendAsync(ContractNames.LivepeerToken, token, "mint", ct, b.Holder, b.Amount);
            await c.SendAsync(ContractNames.LivepeerToken, token, "renounceRole", ct, minterRole, c.Deployer);
        }
        await c.SendAsync(ContractNames.LivepeerToken, token, "grantRole", ct, minterRole, minter);
        await c.SendAsync(ContractNames.LivepeerToken, token, "grantRole", ct, Role("BURNER_ROLE"), minter);

        await c.RegisterAsync(ContractNames.LivepeerToken, token, ct);
        await c.RegisterAsync(ContractNames.Minter, minter, ct);
        await c.RegisterAsync(ContractNames.RoundsManager, rounds, ct);
        await c.RegisterAsync(ContractNames.BondingManager, bonding, ct);
        await c.RegisterAsync(ContractNames.TicketBroker, broker, ct);
        await c.RegisterAsync(ContractNames.JobsManager, broker, ct);
        await c.RegisterAsync(ContractNames.ServiceRegistry, service, ct);
        if (c.Options.Verifier is { } verifier) await c.RegisterAsync(ContractNames.Verifier, verifier, ct);
    }

    /// <summary>The treasury cut as the contracts hold it (1e27 precision, as the protocol parameter is).</summary>
    public static BigInteger TreasuryCutRate(ProtocolParameters p) => p.TreasuryRewardCutRate.Value;

    /// <summary>An AccessControl role id: keccak256 of its name, like a registry id.</summary>
    private static byte[] Role(string name) => ContractNames.Id(name);

}
