using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Livepeer.Ethereum.Tests.Rpc;

/// <summary>A loopback HTTP proxy in front of a JSON-RPC node that answers 503 to the first <c>failures</c> requests.</summary>
public sealed class FlakyProxy : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HttpClient _http = new();
    private int _remainingFailures;
    private int _failed;

    private FlakyProxy(WebApplication app, int failures)
    {
        _app = app;
        _remainingFailures = failures;
    }

    public Uri Url { get; private set; } = null!;
    public int Failed => _failed;

    public static async Task<FlakyProxy> StartAsync(Uri upstream, int failures)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var proxy = new FlakyProxy(app, failures);
        app.MapPost("/", async (HttpContext context) =>
        {
            if (Interlocked.Decrement(ref proxy._remainingFailures) >= 0)
            {
                Interlocked.Increment(ref proxy._failed);
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                return;
            }
            using var body = new StreamContent(context.Request.Body);
            body.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
            using var response = await proxy._http.PostAsync(upstream, body);
            context.Response.StatusCode = (int)response.StatusCode;
            context.Response.ContentType = "application/json";
            await response.Content.CopyToAsync(context.Response.Body);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        proxy.Url = new Uri(address);
        return proxy;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _http.Dispose();
    }
}
