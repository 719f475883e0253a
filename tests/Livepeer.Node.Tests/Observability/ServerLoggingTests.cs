using System.Collections.Concurrent;
using System.Net;
using Livepeer.Media.Dash;
using Livepeer.Media.Hls;
using Livepeer.Media.Http;
using Livepeer.Node.Control;
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
        var entries = new CapturingProvider();
        using var loggers = LoggerFactory.Create(b => b.AddProvider(entries));
        await using var server = await ControlServer.StartAsync(new IPEndPoint(IPAddress.Loopback, 0),
            app => app.MapGet("/boom", (HttpContext _) => throw new InvalidOperationException("control route failed")), loggers: loggers);
        using var http = new HttpClient();
        Assert.Equal(HttpStatusCode.InternalServerError, (await http.GetAsync(new Uri(server.Address, "/boom"))).StatusCode);
        await entries.UntilAsync(e => e.Level == LogLevel.Error && e.Exception?.Message == "control route failed");
    }

    [Fact]
    public async Task TheMediaServerLogsAnUnhandledExceptionToTheNodesLoggers()
    {
        var entries = new CapturingProvider();
        using var loggers = LoggerFactory.Create(b => b.AddProvider(entries));
        await using var server = await MediaHttpServer.StartAsync(new MediaHttpServerOptions { Port = 0 }, new HlsStreamStore(), new DashStreamStore(),
            mapExtra: app => app.MapGet("/boom", (HttpContext _) => throw new InvalidOperationException("media route failed")), loggers: loggers);
        using var http = new HttpClient();
        Assert.Equal(HttpStatusCode.InternalServerError, (await http.GetAsync(new Uri(server.BaseAddress, "/boom"))).StatusCode);
        await entries.UntilAsync(e => e.Level == LogLevel.Error && e.Exception?.Message == "media route failed");
    }

    private sealed record Entry(string Category, LogLevel Level, Exception? Exception);

    private sealed class CapturingProvider : ILoggerProvider
    {
        private readonly ConcurrentQueue<Entry> _entries = new();

        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _entries);

        public void Dispose() { }

        /// <summary>Waits for a matching entry (the server may log just after the response is written).</summary>
        public async Task UntilAsync(Func<Entry, bool> match)
        {
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
            while (!_entries.Any(match))
            {
                Assert.True(DateTime.UtcNow < deadline, "no such log entry; got: " + string.Join("; ", _entries.Select(e => $"{e.Category} {e.Level} {e.Exception?.Message}")));
                await Task.Delay(50);
            }
        }

        private sealed class Logger(string category, ConcurrentQueue<Entry> entries) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
            public bool IsEnabled(LogLevel logLevel) => true;
            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                entries.Enqueue(new Entry(category, logLevel, exception));
        }
    }
}
