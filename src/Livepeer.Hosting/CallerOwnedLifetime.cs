using Microsoft.Extensions.Hosting;

namespace Livepeer.Hosting;

/// <summary>
/// A host lifetime that leaves signals to the caller: starting and stopping happen only when the caller says. The default
/// console lifetime takes SIGTERM and Ctrl-C for itself and stops only this web server, so a process that hosts it (a
/// node, the devnet) would never hear them.
/// </summary>
public sealed class CallerOwnedLifetime : IHostLifetime
{
    /// <inheritdoc />
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
