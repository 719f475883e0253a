using Microsoft.Extensions.Hosting;

namespace Livepeer.Media.Http;

/// <summary>
/// A host lifetime that leaves signals to the hosting process. The default console lifetime takes SIGTERM and Ctrl-C for
/// itself and stops only this web server, so a process that hosts it (a node, the devnet) would never hear them.
/// </summary>
internal sealed class CallerOwnedLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
