using System.Numerics;
using System.Text;
using Livepeer.Ethereum.Contracts;
using Nethereum.Hex.HexTypes;
using Nethereum.RPC.Eth.DTOs;
using Nethereum.Util;
using Nethereum.Web3;

namespace Livepeer.Ethereum.Deployment;

/// <summary>
/// The deployment step for BondingVotes, Treasury, LivepeerGovernor and the Verifier: deploys them against an existing
/// Controller, registers them under their names, hands out the Treasury's roles to the governor, initializes the
/// governor and sets the verifier set. It needs only the Controller's address and a sender that owns the Controller;
/// <see cref="HandOverControllerAsync"/> then makes the Treasury the Controller's owner, so passed proposals call the
/// contracts' setters (run it last: after it, the sender can no longer configure anything).
/// </summary>
public sealed class GovernanceDeployer(IWeb3 web3, string from, ContractArtifacts artifacts)
{
    /// <summary>The Controller names the contracts are registered under.</summary>
    public static readonly IReadOnlyList<string> Names = ["BondingVotes", "Treasury", "LivepeerGovernor", "Verifier"];

    /// <summary>Deploys, registers and configures the four contracts; the sender must own the Controller.</summary>
    public async Task<GovernanceAddresses> DeployAsync(string controller, GovernanceParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (parameters.Verifiers.Count == 0 ? parameters.VerifierThreshold != 0
            : parameters.VerifierThreshold < 1 || parameters.VerifierThreshold > parameters.Verifiers.Count)
            throw new ArgumentException($"the verifier threshold must be between 1 and {parameters.Verifiers.Count} (0 without verifiers), got {parameters.VerifierThreshold}", nameof(parameters));

        var bondingVotes = await DeployContractAsync("BondingVotes", controller);
        await RegisterAsync(controller, "BondingVotes", bondingVotes);
        var treasury = await DeployContractAsync("Treasury");
        await RegisterAsync(controller, "Treasury", treasury);
        var governor = await DeployContractAsync("LivepeerGovernor", controller, treasury);
        await RegisterAsync(controller, "LivepeerGovernor", governor);
        var verifier = await DeployContractAsync("Verifier", controller);
        await RegisterAsync(controller, "Verifier", verifier);

        // The governor proposes, cancels and executes; nobody administers the Treasury but the Treasury itself.
        await SendAsync("Treasury", treasury, "initialize",
            new BigInteger(parameters.TreasuryMinDelay), new[] { governor }, new[] { governor }, AddressUtil.ZERO_ADDRESS);
        await SendAsync("LivepeerGovernor", governor, "initialize",
            new BigInteger(parameters.VotingDelay), new BigInteger(parameters.VotingPeriod), parameters.ProposalThreshold,
            new BigInteger(parameters.Quorum), new BigInteger(parameters.Quota));
        await SendAsync("Verifier", verifier, "setVerifierSet", parameters.Verifiers.ToArray(), new BigInteger(parameters.VerifierThreshold));
        await SendAsync("Verifier", verifier, "setEquivocationSlashAmount", new BigInteger(parameters.EquivocationSlashAmount));
        await SendAsync("Verifier", verifier, "setFailedVerificationSlashAmount", new BigInteger(parameters.FailedVerificationSlashAmount));
        await SendAsync("Verifier", verifier, "setFinderFee", new BigInteger(parameters.FinderFee));
        return new GovernanceAddresses(bondingVotes, treasury, governor, verifier);
    }

    /// <summary>Makes the Treasury (the governor's timelock) the Controller's owner (RULES.md decision 6d).</summary>
    public Task HandOverControllerAsync(string controller, GovernanceAddresses addresses) =>
        SendAsync("Controller", controller, "transferOwnership", addresses.Treasury);

    /// <summary>keccak256 of a contract name: its id in the Controller.</summary>
    public static byte[] ContractId(string name) => Sha3Keccack.Current.CalculateHash(Encoding.UTF8.GetBytes(name));

    private Task RegisterAsync(string controller, string name, string address) =>
        SendAsync("Controller", controller, "setContractInfo", ContractId(name), address, new byte[20]);

    private async Task<string> DeployContractAsync(string name, params object[] constructorArguments)
    {
        var artifact = artifacts.Get(name);
        var receipt = await web3.Eth.DeployContract.SendRequestAndWaitForReceiptAsync(
            artifact.Abi, artifact.Bytecode, from, null, null, constructorArguments);
        return Succeeded(receipt, $"deploying {name}").ContractAddress;
    }

    private async Task SendAsync(string contractName, string address, string function, params object[] arguments)
    {
        var fn = web3.Eth.GetContract(artifacts.Get(contractName).Abi, address).GetFunction(function);
        var receipt = await fn.SendTransactionAndWaitForReceiptAsync(from, (HexBigInteger?)null, null, null, arguments);
        Succeeded(receipt, $"{contractName}.{function}");
    }

    private static TransactionReceipt Succeeded(TransactionReceipt receipt, string what) =>
        receipt.Status?.Value == 1 ? receipt : throw new InvalidOperationException($"{what} failed in transaction {receipt.TransactionHash}");
}
