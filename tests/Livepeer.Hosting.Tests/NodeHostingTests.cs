using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Prometheus;

namespace Livepeer.Hosting.Tests;

public sealed class NodeHostingTests
{
    [Fact]
    public async Task MetricsComeFromTheNodesOwnRegistryAndStatusIsItsJson()
    {
        var registry = Metrics.NewCustomRegistry();
        Metrics.WithCustomRegistry(registry).CreateCounter("hosting_test_own_total", "only in this node's registry").Inc(3);
        Metrics.CreateCounter("hosting_test_static_total", "in the process-wide default registry").Inc();
        await using var app = await StartAsync(null, a =>
        {
            a.MapMetrics(registry);
            a.MapStatus(_ => Task.FromResult(new JsonObject { ["role"] = "test", ["height"] = 7 }));
        });
        using var http = new HttpClient { BaseAddress = Address(app) };

        using var metrics = await http.GetAsync(new Uri("/metrics", UriKind.Relative));
        var text = await metrics.Content.ReadAsStringAsync();
        var type = metrics.Content.Headers.ContentType!;
        Assert.Equal("text/plain", type.MediaType);
        Assert.Contains(type.Parameters, p => p.Name == "version" && p.Value == "0.0.4"); // Prometheus text format 0.0.4
        Assert.Contains("hosting_test_own_total 3", text, StringComparison.Ordinal);
        Assert.DoesNotContain("hosting_test_static_total", text, StringComparison.Ordinal);

        var status = JsonNode.Parse(await http.GetStringAsync(new Uri("/status", UriKind.Relative)))!;
        Assert.Equal("test", (string?)status["role"]);
        Assert.Equal(7, (int?)status["height"]);
    }

    [Fact]
    public async Task AnUnhandledExceptionInARequestIsLoggedByTheNodeAndTheLifetimeIsTheCallers()
    {
        var sink = new Sink();
        using var loggers = LoggerFactory.Create(b => b.AddProvider(sink));
        await using var app = await StartAsync(loggers, a => a.MapGet("/boom", string () => throw new InvalidOperationException("boom in a request")));
        Assert.IsType<CallerOwnedLifetime>(app.Services.GetRequiredService<IHostLifetime>());

        using var http = new HttpClient { BaseAddress = Address(app) };
        using var response = await http.GetAsync(new Uri("/boom", UriKind.Relative));
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!sink.Entries.Any(e => e.Level == LogLevel.Error && e.Exception?.Message == "boom in a request"))
        {
            Assert.True(DateTime.UtcNow < deadline, "the node's logger factory never got the request's exception: " + string.Join(" | ", sink.Entries.Select(e => e.Message)));
            await Task.Delay(20);
        }
    }

    private static async Task<WebApplication> StartAsync(ILoggerFactory? loggers, Action<WebApplication> map)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.UseNodeHosting(loggers);
        var app = builder.Build();
        map(app);
        await app.StartAsync();
        return app;
    }

    private static Uri Address(WebApplication app) =>
        new(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    private sealed class Sink : ILoggerProvider
    {
        public ConcurrentQueue<(LogLevel Level, string Message, Exception? Exception)> Entries { get; } = new();
        public ILogger CreateLogger(string categoryName) => new Logger(this);
        public void Dispose() { }

        private sealed class Logger(Sink sink) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
            public bool IsEnabled(LogLevel logLevel) => true;
            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                sink.Entries.Enqueue((logLevel, formatter(state, exception), exception));
        }
    }
}
