using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Livepeer.Node.Tests.Support;

/// <summary>Keeps what nodes log (from <paramref name="minimum"/> up), so a check can find a reason or an exception.</summary>
public sealed class CollectedLogs(LogLevel minimum = LogLevel.Trace) : ILoggerProvider
{
    /// <summary>One log entry.</summary>
    public sealed record Entry(string Category, LogLevel Level, string Message, Exception? Exception);

    private readonly ConcurrentQueue<Entry> _entries = new();
    private readonly LogLevel _minimum = minimum;

    /// <summary>A logger factory writing here.</summary>
    public ILoggerFactory Factory() => LoggerFactory.Create(b => b.AddProvider(this).SetMinimumLevel(_minimum));

    /// <summary>Messages logged so far that contain <paramref name="text"/>.</summary>
    public IReadOnlyList<string> Containing(string text) => [.. _entries.Select(e => e.Message).Where(m => m.Contains(text, StringComparison.Ordinal))];

    /// <summary>Waits for a matching entry (a server may log just after the response is written).</summary>
    public async Task UntilAsync(Func<Entry, bool> match)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!_entries.Any(match))
        {
            Assert.True(DateTime.UtcNow < deadline, "no such log entry; got:\n" + this);
            await Task.Delay(50);
        }
    }

    /// <summary>Everything logged so far.</summary>
    public override string ToString() => string.Join('\n', _entries.Select(e => $"{e.Level} {e.Category}: {e.Message} {e.Exception?.Message}"));

    /// <inheritdoc />
    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    /// <inheritdoc />
    public void Dispose() { }

    private sealed class Logger(CollectedLogs owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => logLevel >= owner._minimum;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel)) owner._entries.Enqueue(new Entry(category, logLevel, formatter(state, exception), exception));
        }
    }
}
