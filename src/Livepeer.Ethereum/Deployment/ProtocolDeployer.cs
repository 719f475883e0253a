using Livepeer.Ethereum.Contracts;
using Livepeer.Protocol.Parameters;
using Nethereum.Web3;
using Nethereum.Web3.Accounts;

namespace Livepeer.Ethereum.Deployment;

/// <summary>
/// Deploys the protocol to any JSON-RPC endpoint from one private key: the Controller (paused), then each
/// <see cref="IDeploymentStep"/> in order (the core protocol first; governance adds its steps), then the treasury cut
/// when a Treasury was registered, then unpauses, runs each step's FinishAsync and returns the <see cref="DeploymentRecord"/>. The chain id is read
/// from the endpoint and every transaction is signed for it.
/// </summary>
public sealed class ProtocolDeployer
{
    private readonly Uri _rpcUrl;
    private readonly string _privateKey;
    private readonly ContractArtifacts _artifacts;
    private readonly ProtocolParameters _parameters;
    private readonly DeploymentOptions _options;
    private readonly IReadOnlyList<IDeploymentStep> _steps;

    /// <summary>A deployer; <paramref name="steps"/> defaults to <see cref="DefaultSteps"/> (the whole set, no verifiers).</summary>
    public ProtocolDeployer(Uri rpcUrl, string privateKey, ContractArtifacts artifacts, ProtocolParameters parameters,
        DeploymentOptions? options = null, IReadOnlyList<IDeploymentStep>? steps = null)
    {
        ParameterValidator.ThrowIfInvalid(parameters);
        _rpcUrl = rpcUrl;
        _privateKey = privateKey;
        _artifacts = artifacts;
        _parameters = parameters;
        _options = options ?? new DeploymentOptions();
        _steps = steps ?? DefaultSteps;
    }

    /// <summary>
    /// The steps of a full deployment, in order: the core protocol, then governance and verification with no verifier
    /// appointed (governance can appoint them), handing the Controller to the Treasury at the end.
    /// </summary>
    public static IReadOnlyList<IDeploymentStep> DefaultSteps { get; } = FullSteps([], 0);

    /// <summary>The core protocol only, its Controller left with the deployer (tests and benchmarks that configure as the owner).</summary>
    public static IReadOnlyList<IDeploymentStep> CoreOnlySteps { get; } = [new CoreProtocolStep()];

    /// <summary>The whole set with <paramref name="verifiers"/> appointed, <paramref name="verifierThreshold"/> of them needed per attestation.</summary>
    public static IReadOnlyList<IDeploymentStep> FullSteps(IReadOnlyList<string> verifiers, int verifierThreshold, bool handOver = true) =>
        [new CoreProtocolStep(), new GovernanceStep(verifiers, verifierThreshold, handOver: handOver)];

    /// <summary>Runs the deployment; throws <see cref="DeploymentException"/> naming the call that failed.</summary>
    public async Task<DeploymentRecord> DeployAsync(CancellationToken ct = default)
    {
        var chainId = (long)(await new Web3(_rpcUrl.ToString()).Eth.ChainId.SendRequestAsync()).Value;
        var account = new Account(_privateKey, chainId);
        var web3 = new Web3(account, _rpcUrl.ToString());
        var context = new DeploymentContext(web3, account.Address, _artifacts, _parameters, _options);

        context.Controller = await context.DeployAsync(ContractNames.Controller, ct);
        foreach (var step in _steps) await RunStepAsync(step, () => step.RunAsync(context, ct));
        var bonding = context.AddressOf(ContractNames.BondingManager)
            ?? throw new DeploymentException("No step registered a BondingManager.");
        if (context.AddressOf(ContractNames.Treasury) is not null && _parameters.TreasuryRewardCutRate > 0)
            await context.SendAsync(ContractNames.BondingManager, bonding, "setTreasuryRewardCutRate", ct, CoreProtocolStep.TreasuryCutRate(_parameters));
        await context.SendAsync(ContractNames.Controller, context.Controller, "unpause", ct);
        foreach (var step in _steps) await RunStepAsync(step, () => step.FinishAsync(context, ct));
        var block = (long)(await web3.Eth.Blocks.GetBlockNumber.SendRequestAsync()).Value;

        var contracts = new SortedDictionary<string, string>(StringComparer.Ordinal) { [ContractNames.Controller] = context.Controller };
        foreach (var (name, address) in context.Registered) contracts[name] = address;
        return new DeploymentRecord(chainId, context.Controller, account.Address, block, contracts);
    }

    private static async Task RunStepAsync(IDeploymentStep step, Func<Task> run)
    {
        try
        {
            await run();
        }
        catch (Exception e) when (e is not DeploymentException and not OperationCanceledException)
        {
            throw new DeploymentException($"Deployment step '{step.Name}' failed: {e.Message}");
        }
    }
}
