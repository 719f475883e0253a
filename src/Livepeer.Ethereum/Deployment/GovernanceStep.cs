using System.Numerics;
using Livepeer.Ethereum.Contracts;
using Nethereum.Hex.HexTypes;
using Nethereum.Web3;
using Nethereum.Web3.Accounts;

namespace Livepeer.Ethereum.Deployment;

/// <summary>
/// The governance and verification contracts, after the core protocol: BondingVotes (the BondingManager checkpoints
/// into it once registered), Treasury (the governor's timelock; the governor is its only proposer, canceller and
/// executor, and nobody but itself administers it), LivepeerGovernor (votingDelay, votingPeriod, proposalThreshold,
/// quorum and quota from the <see cref="Protocol.Parameters.ProtocolParameters"/>) and the Verifier (slash fractions
/// and finder fee from the parameters, the verifier set given here). Once the deployment is unpaused,
/// <see cref="FinishAsync"/> hands the Controller's ownership and the LivepeerToken's admin role to the Treasury (as
/// Livepeer's governance holds them), so only passed proposals change parameters; <paramref name="handOver"/> false
/// leaves them with the deployer (tests that configure as the owner).
/// </summary>
public sealed class GovernanceStep(IReadOnlyList<string> verifiers, int verifierThreshold, long treasuryMinDelaySeconds = 0, bool handOver = true) : IDeploymentStep
{
    /// <summary>Registered under Livepeer's name (LivepeerGovernor is not in <see cref="ContractNames"/>).</summary>
    public const string LivepeerGovernor = "LivepeerGovernor";

    /// <inheritdoc />
    public string Name => "governance and verification";

    /// <inheritdoc />
    public async Task RunAsync(DeploymentContext c, CancellationToken ct)
    {
        if (verifiers.Count == 0 ? verifierThreshold != 0 : verifierThreshold < 1 || verifierThreshold > verifiers.Count)
            throw new DeploymentException($"The verifier threshold must be between 1 and {verifiers.Count} (0 without verifiers), got {verifierThreshold}.");
        var p = c.Parameters;

        var votes = await c.DeployAsync(ContractNames.BondingVotes, ct, c.Controller);
        await c.RegisterAsync(ContractNames.BondingVotes, votes, ct);
        var treasury = await c.DeployAsync(ContractNames.Treasury, ct);
        await c.RegisterAsync(ContractNames.Treasury, treasury, ct);
        var governor = await c.DeployAsync(LivepeerGovernor, ct, c.Controller, treasury);
        await c.RegisterAsync(LivepeerGovernor, governor, ct);
        var verifier = await c.DeployAsync(ContractNames.Verifier, ct, c.Controller);
        await c.RegisterAsync(ContractNames.Verifier, verifier, ct);

        await c.SendAsync(ContractNames.Treasury, treasury, "initialize", ct,
            new BigInteger(treasuryMinDelaySeconds), new[] { governor }, new[] { governor }, Nethereum.Util.AddressUtil.ZERO_ADDRESS);
        await c.SendAsync(LivepeerGovernor, governor, "initialize", ct,
            new BigInteger(p.VotingDelay), new BigInteger(p.VotingPeriod), p.ProposalThreshold.Value, new BigInteger(p.Quorum), new BigInteger(p.Quota));
        await c.SendAsync(ContractNames.Verifier, verifier, "setVerifierSet", ct, verifiers.ToArray(), new BigInteger(verifierThreshold));
        await c.SendAsync(ContractNames.Verifier, verifier, "setEquivocationSlashAmount", ct, new BigInteger(p.EquivocationSlashFraction));
        await c.SendAsync(ContractNames.Verifier, verifier, "setFailedVerificationSlashAmount", ct, new BigInteger(p.FailedVerificationSlashFraction));
        await c.SendAsync(ContractNames.Verifier, verifier, "setFinderFee", ct, new BigInteger(p.FinderFee));
    }

    /// <summary>
    /// Hands the Controller's ownership and the LivepeerToken's DEFAULT_ADMIN_ROLE to the Treasury (RULES.md decision 6d):
    /// the Treasury is granted the role before the deployer renounces it, and ownership moves last.
    /// </summary>
    public async Task FinishAsync(DeploymentContext c, CancellationToken ct)
    {
        if (!handOver) return;
        var treasury = c.AddressOf(ContractNames.Treasury) ?? throw new DeploymentException("No Treasury was registered.");
        var token = c.AddressOf(ContractNames.LivepeerToken) ?? throw new DeploymentException("No LivepeerToken was registered.");
        var admin = new byte[32]; // DEFAULT_ADMIN_ROLE is 0x00
        await c.SendAsync(ContractNames.LivepeerToken, token, "grantRole", ct, admin, treasury);
        await c.SendAsync(ContractNames.LivepeerToken, token, "renounceRole", ct, admin, c.Deployer);
        await c.SendAsync(ContractNames.Controller, c.Controller, "transferOwnership", ct, treasury);
    }

    /// <summary>
    /// Makes the Treasury the Controller's owner (RULES.md decision 6d) after a deployment whose governance step did not
    /// (handOver false); nothing to do when the Treasury already owns it. Afterwards only passed proposals can call
    /// owner-only setters.
    /// </summary>
    public static async Task HandOverControllerAsync(Uri rpcUrl, string deployerKey, ContractArtifacts artifacts, DeploymentRecord record, CancellationToken ct = default)
    {
        var web3 = new Web3(new Account(deployerKey, record.ChainId), rpcUrl.ToString());
        var controller = web3.Eth.GetContract(artifacts.Get(ContractNames.Controller).Abi, record.Controller);
        var transfer = controller.GetFunction("transferOwnership");
        var treasury = record.Address(ContractNames.Treasury);
        var owner = await controller.GetFunction("owner").CallAsync<string>();
        if (string.Equals(owner, treasury, StringComparison.OrdinalIgnoreCase)) return;
        // An explicit gas limit: Nethereum's default can exceed the per-transaction cap (EIP-7825) and be dropped.
        var gas = await transfer.EstimateGasAsync(record.Deployer, null, null, treasury);
        var receipt = await transfer.SendTransactionAndWaitForReceiptAsync(record.Deployer, new HexBigInteger(gas.Value * 6 / 5), null, null, ct, treasury);
        if (receipt.Status?.Value != BigInteger.One)
            throw new DeploymentException($"Controller.transferOwnership to the Treasury failed (transaction {receipt.TransactionHash}).");
    }
}
