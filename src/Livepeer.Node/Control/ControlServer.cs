using System.Net;
using Livepeer.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Livepeer.Node.Control;

/// <summary>
/// A node's control port (go-livepeer's CLI port, -cliAddr): plain HTTP with JSON, for changing a running node (price,
/// sessions, ladder) without a restart. It has no authentication, so it binds to loopback unless the operator says
/// otherwise explicitly (<c>allowRemote</c>).
/// </summary>
public sealed class ControlServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ControlServer(WebApplication app, Uri address) => (_app, Address) = (app, address);

    /// <summary>Where it listens (http://host:port/).</summary>
    public Uri Address { get; }

    /// <summary>
    /// Starts serving the routes <paramref name="map"/> adds on <paramref name="endpoint"/> (port 0 picks a free one).
    /// Throws <see cref="ArgumentException"/> for a non-loopback address without <paramref name="allowRemote"/>, and
    /// <see cref="IOException"/> when the port is taken. The server logs to <paramref name="loggers"/>.
    /// </summary>
    public static async Task<ControlServer> StartAsync(IPEndPoint endpoint, Action<WebApplication> map, bool allowRemote = false, ILoggerFactory? loggers = null,
        CancellationToken ct = default)
    {
        if (!allowRemote && !IPAddress.IsLoopback(endpoint.Address))
            throw new ArgumentException($"The control port {endpoint} would be reachable from other machines and has no authentication; bind it to 127.0.0.1 or [::1] (or allow it explicitly).", nameof(endpoint));
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(k => k.Listen(endpoint));
        builder.UseNodeHosting(loggers);
        var app = builder.Build();
        map(app);
        try { await app.StartAsync(ct); }
        catch (IOException)
        {
            await app.DisposeAsync();
            throw;
        }
        var bound = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return new ControlServer(app, bound);
    }

    /// <summary>Stops serving.</summary>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
