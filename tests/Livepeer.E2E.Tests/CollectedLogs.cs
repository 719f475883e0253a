using System.Text;
using Microsoft.Extensions.Logging;

namespace Livepeer.E2E.Tests;

/// <summary>Keeps the warnings and errors of in-process nodes, to explain a failed assertion.</summary>
internal sealed class CollectedLogs : ILoggerProvider
{
    private readonly StringBuilder _text = new();

    /// <summary>A logger factory writing here.</summary>
    public ILoggerFactory Factory() => LoggerFactory.Create(b => b.AddProvider(this).SetMinimumLevel(LogLevel.Warning));

    /// <summary>Everything logged so far.</summary>
    public override string ToString() { lock (_text) return _text.ToString(); }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose() { }

    private sealed class Logger(CollectedLogs logs, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (logs._text) logs._text.Append(logLevel).Append(' ').Append(category).Append(": ").Append(formatter(state, exception)).Append('\n');
        }
    }
}
