using System.Net;
using System.Security.Cryptography.X509Certificates;
using Livepeer.Core.Crypto;
using Livepeer.Hosting;
using Livepeer.Node.Orchestrator.Transcoders;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Livepeer.Node.Orchestrator;

/// <summary>The orchestrator's one TLS port: gRPC (HTTP/2) and the HTTP segment protocol (HTTP/1.1 and 2), bound to loopback by default.</summary>
public sealed class OrchestratorServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private OrchestratorServer(WebApplication app, Uri address) => (_app, Address) = (app, address);

    /// <summary>Where it listens (https://host:port).</summary>
    public Uri Address { get; }

    /// <summary>Starts serving <paramref name="core"/> on <paramref name="endpoint"/> (port 0 picks a free one); <paramref name="endpoints"/> maps more routes.</summary>
    public static async Task<OrchestratorServer> StartAsync(OrchestratorCore core, PrivateKey key, IPEndPoint endpoint, X509Certificate2 certificate,
        int maxSegmentBytes, ILoggerFactory? loggers = null, CancellationToken ct = default, TranscoderPool? transcoders = null,
        Action<IEndpointRouteBuilder>? endpoints = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Limits.MaxRequestBodySize = maxSegmentBytes;
            k.Listen(endpoint, listen =>
            {
                listen.Protocols = HttpProtocols.Http1AndHttp2;
                listen.UseHttps(certificate);
            });
        });
        builder.UseNodeHosting(loggers);
        builder.Services.AddGrpc(o => o.MaxReceiveMessageSize = 1024 * 1024);
        builder.Services.AddSingleton(core);
        builder.Services.AddSingleton(key);
        if (transcoders is not null) builder.Services.AddSingleton(transcoders);
        var app = builder.Build();
        app.MapGrpcService<OrchestratorGrpcService>();
        app.MapOrchestrator(core, maxSegmentBytes);
        endpoints?.Invoke(app); // GET /status and /metrics
        if (transcoders is not null)
        {
            app.MapGrpcService<TranscoderGrpcService>();
            app.MapTranscoderPool(transcoders);
        }
        try { await app.StartAsync(ct); }
        catch (IOException e)
        {
            await app.DisposeAsync();
            throw new InvalidOperationException($"The orchestrator cannot listen on {endpoint}: {e.Message} Choose another port with --service-addr.", e);
        }
        var bound = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        if (transcoders is not null) transcoders.SourceBaseUri = bound;
        return new OrchestratorServer(app, bound);
    }

    /// <summary>Stops serving.</summary>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
