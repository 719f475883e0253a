namespace Livepeer.Ethereum.Deployment;

/// <summary>
/// One part of a deployment, run in order after the Controller exists and before the system is unpaused: it deploys
/// contracts, configures them and registers them through <see cref="DeploymentContext"/>. The core protocol is one
/// step; governance adds its own after it.
/// </summary>
public interface IDeploymentStep
{
    /// <summary>A short name for progress and errors.</summary>
    string Name { get; }

    /// <summary>Deploys, configures and registers this step's contracts.</summary>
    Task RunAsync(DeploymentContext context, CancellationToken ct);
}
