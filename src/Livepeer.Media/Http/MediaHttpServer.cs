using System.Net;
using Livepeer.Hosting;
using Livepeer.Media.Dash;
using Livepeer.Media.Hls;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Livepeer.Media.Http;

/// <summary>A standalone Kestrel server for HLS/DASH output and push ingest, bound to 127.0.0.1 by default.</summary>
public sealed class MediaHttpServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private MediaHttpServer(WebApplication app) => _app = app;

    /// <summary>The http://address:port the server listens on (the real port when 0 was asked).</summary>
    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    /// <summary>Builds and starts the server. <paramref name="mapExtra"/> can add routes (e.g. a player page); the server logs to <paramref name="loggers"/>.</summary>
    public static async Task<MediaHttpServer> StartAsync(MediaHttpServerOptions options, HlsStreamStore hls, DashStreamStore dash,
        PushIngest? push = null, TimeProvider? time = null, Action<IEndpointRouteBuilder>? mapExtra = null, ILoggerFactory? loggers = null,
        CancellationToken cancellationToken = default)
    {
        options.Validate();
        var builder = WebApplication.CreateSlimBuilder();
        builder.UseNodeHosting(loggers);
        var perAddress = new AddressConnectionLimiter(options.MaxConnectionsPerAddress);
        builder.WebHost.UseKestrel(k =>
        {
            k.Listen(IPAddress.Parse(options.Address), options.Port, listen => listen.Use(next => async connection =>
            {
                // Per-address limit at the connection level, before any request is parsed.
                if (!perAddress.TryEnter(connection.RemoteEndPoint))
                {
                    connection.Abort();
                    return;
                }
                try { await next(connection).ConfigureAwait(false); }
                finally { perAddress.Exit(connection.RemoteEndPoint); }
            }));
            k.Limits.MaxRequestBodySize = options.MaxPushBytes;
            k.Limits.MaxConcurrentConnections = options.MaxConnections;
            k.Limits.MaxConcurrentUpgradedConnections = options.MaxConnections;
            k.Limits.MinRequestBodyDataRate = new MinDataRate(options.MinRequestBodyBytesPerSecond, TimeSpan.FromSeconds(5));
            k.Limits.MinResponseDataRate = new MinDataRate(240, TimeSpan.FromSeconds(5));
            k.Limits.RequestHeadersTimeout = options.RequestHeadersTimeout;
            k.Limits.KeepAliveTimeout = options.KeepAliveTimeout;
        });
        var app = builder.Build();
        app.UseMediaCors();
        if (options.PlaybackTokens is { } tokens) app.UsePlaybackTokens(tokens);
        app.MapLivepeerMedia(hls, dash, push, time, options.MaxPushBytes);
        mapExtra?.Invoke(app);
        var server = new MediaHttpServer(app);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseAddress = new Uri(address.EndsWith('/') ? address : address + "/");
        return server;
    }

    /// <summary>Stops the server.</summary>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
