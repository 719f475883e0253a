using Microsoft.Extensions.Logging;

namespace Livepeer.Node.Tests.Abuse;

/// <summary>Keeps the warnings and errors nodes log, so a check can find the reason an attacker was cut.</summary>
public sealed class CollectedWarnings : ILoggerProvider
{
    private readonly List<string> _lines = [];

    /// <summary>A logger factory writing here.</summary>
    public ILoggerFactory Factory() => LoggerFactory.Create(b => b.AddProvider(this).SetMinimumLevel(LogLevel.Warning));

    /// <summary>Lines logged so far that contain <paramref name="text"/>.</summary>
    public IReadOnlyList<string> Containing(string text)
    {
        lock (_lines) return [.. _lines.Where(l => l.Contains(text, StringComparison.Ordinal))];
    }

    /// <summary>Everything logged so far.</summary>
    public override string ToString()
    {
        lock (_lines) return string.Join('\n', _lines);
    }

    /// <inheritdoc />
    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    /// <inheritdoc />
    public void Dispose() { }

    private sealed class Logger(CollectedWarnings owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (owner._lines) owner._lines.Add($"{logLevel} {category}: {formatter(state, exception)}");
        }
    }
}
