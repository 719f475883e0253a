using System.Net;
using Livepeer.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Livepeer.Node.Transcoder;

/// <summary>The remote transcoder's small plain-HTTP listener (<c>--http-addr</c>): GET /status and Prometheus GET /metrics.</summary>
public sealed class TranscoderStatusServer : IAsyncDisposable
{
    /// <summary>The default listen address: beside the orchestrators' 8936 and up, clear of the ledger, RTMP and broadcaster ports.</summary>
    public const string DefaultAddress = "127.0.0.1:8934";

    private readonly WebApplication _app;

    private TranscoderStatusServer(WebApplication app, Uri address) => (_app, Address) = (app, address);

    /// <summary>Where it listens (http://host:port/).</summary>
    public Uri Address { get; }

    /// <summary>Starts serving <paramref name="node"/>'s status and metrics on <paramref name="endpoint"/> (port 0 picks a free one); the server logs to <paramref name="loggers"/>.</summary>
    public static async Task<TranscoderStatusServer> StartAsync(TranscoderNode node, IPEndPoint endpoint, ILoggerFactory? loggers = null, CancellationToken ct = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(k => k.Listen(endpoint));
        builder.UseNodeHosting(loggers);
        var app = builder.Build();
        app.MapStatus(_ => Task.FromResult(node.Status()));
        app.MapMetrics(node.Metrics.Registry);
        try { await app.StartAsync(ct); }
        catch (IOException e)
        {
            await app.DisposeAsync();
            throw new InvalidOperationException($"The transcoder cannot listen on {endpoint}: {e.Message} Choose another port with --http-addr.", e);
        }
        var bound = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return new TranscoderStatusServer(app, bound);
    }

    /// <summary>Stops serving.</summary>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
