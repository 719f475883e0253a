namespace Livepeer.Chain.Hosting;

/// <summary>A host lifetime that leaves signals to the caller: starting and stopping happen only when the caller says.</summary>
public sealed class CallerOwnedLifetime : IHostLifetime
{
    /// <inheritdoc />
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
