using System.Net;
using Livepeer.Media.Dash;
using Livepeer.Media.Hls;
using Livepeer.Media.Http;
using Livepeer.Node.Control;
using Livepeer.Node.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Livepeer.Node.Tests.Observability;

/// <summary>The embedded web servers log through the node's logger factory: an unhandled exception in a request is not lost.</summary>
public sealed class ServerLoggingTests
{
    [Fact]
    public async Task TheControlServerLogsAnUnhandledExceptionToTheNodesLoggers()
    {
        var entries = new CollectedLogs();
        using var loggers = entries.Factory();
        await using var server = await ControlServer.StartAsync(new IPEndPoint(IPAddress.Loopback, 0),
            app => app.MapGet("/boom", (HttpContext _) => throw new InvalidOperationException("control route failed")), loggers: loggers);
        using var http = new HttpClient();
        Assert.Equal(HttpStatusCode.InternalServerError, (await http.GetAsync(new Uri(server.Address, "/boom"))).StatusCode);
        await entries.UntilAsync(e => e.Level == LogLevel.Error && e.Exception?.Message == "control route failed");
    }

    [Fact]
    public async Task TheMediaServerLogsAnUnhandledExceptionToTheNodesLoggers()
    {
        var entries = new CollectedLogs();
        using var loggers = entries.Factory();
        await using var server = await MediaHttpServer.StartAsync(new MediaHttpServerOptions { Port = 0 }, new HlsStreamStore(), new DashStreamStore(),
            mapExtra: app => app.MapGet("/boom", (HttpContext _) => throw new InvalidOperationException("media route failed")), loggers: loggers);
        using var http = new HttpClient();
        Assert.Equal(HttpStatusCode.InternalServerError, (await http.GetAsync(new Uri(server.BaseAddress, "/boom"))).StatusCode);
        await entries.UntilAsync(e => e.Level == LogLevel.Error && e.Exception?.Message == "media route failed");
    }
}
