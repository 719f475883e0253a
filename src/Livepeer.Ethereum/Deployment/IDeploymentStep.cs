namespace Livepeer.Ethereum.Deployment;

/// <summary>
/// One part of a deployment, run in order after the Controller exists and before the system is unpaused: it deploys
/// contracts, configures them and registers them through <see cref="DeploymentContext"/>. The core protocol is one
/// step; governance adds its own after it. <see cref="FinishAsync"/> runs once the system is unpaused.
/// </summary>
public interface IDeploymentStep
{
    /// <summary>A short name for progress and errors.</summary>
    string Name { get; }

    /// <summary>Deploys, configures and registers this step's contracts.</summary>
    Task RunAsync(DeploymentContext context, CancellationToken ct);

    /// <summary>
    /// Runs after the system is unpaused, in step order (e.g. governance hands the Controller's ownership to the
    /// Treasury, which must come last because the deployer configures as the owner until then). Nothing by default.
    /// </summary>
    Task FinishAsync(DeploymentContext context, CancellationToken ct) => Task.CompletedTask;
}
