using System.CommandLine;
using System.Net;
using System.Runtime.InteropServices;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Livepeer.Cli.Commands;

/// <summary>Parsing shared by the node commands: listen addresses and how long-running commands wait.</summary>
internal static class NodeOptions
{
    /// <summary>Parses host:port; refuses anything else with a usage error.</summary>
    public static IPEndPoint Endpoint(string text, string option)
    {
        var colon = text.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(text.AsSpan(colon + 1), out var port) || port is < 0 or > 65535)
            throw new CliException($"{option} must be host:port, e.g. 127.0.0.1:8936; got '{text}'.", CliException.Usage);
        var host = text[..colon].Trim('[', ']');
        if (host == "localhost") return new IPEndPoint(IPAddress.Loopback, port);
        if (!IPAddress.TryParse(host, out var address))
            throw new CliException($"{option}: '{host}' is not an IP address; use 127.0.0.1 (or 0.0.0.0 to listen everywhere).", CliException.Usage);
        return new IPEndPoint(address, port);
    }

    /// <summary>The dashboard files copied next to the binary at build time (web/), or null when they are missing.</summary>
    public static string? WebRoot()
    {
        var root = Path.Combine(AppContext.BaseDirectory, "web");
        return File.Exists(Path.Combine(root, "index.html")) ? root : null;
    }

    /// <summary>Whether the command line asked for JSON logs (<c>--log-format json</c>).</summary>
    public static bool JsonLogs(ParseResult parse) => parse.GetValue<string>(GlobalOptions.LogFormatName) == "json";

    /// <summary>
    /// Console logs: one line each with a time stamp, or with <c>--log-format json</c> one JSON object per line (UTC time
    /// stamp, category, level, message, and the template's named fields and scopes under State and Scopes); framework
    /// chatter only from warnings up.
    /// </summary>
    public static ILoggerFactory Loggers(ParseResult parse) => Loggers(JsonLogs(parse));

    /// <summary>Console logs in text or JSON lines.</summary>
    public static ILoggerFactory Loggers(bool json) => LoggerFactory.Create(b => (json
            ? b.AddJsonConsole(o => { o.IncludeScopes = true; o.UseUtcTimestamp = true; o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ"; o.JsonWriterOptions = new JsonWriterOptions { Indented = false }; })
            : b.AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss "; }))
        .SetMinimumLevel(LogLevel.Information)
        .AddFilter("Microsoft", LogLevel.Warning)
        .AddFilter("Microsoft.Extensions.Hosting", LogLevel.None)
        .AddFilter("Grpc", LogLevel.Warning));

    /// <summary>
    /// Prints a human line about the running node: on stdout with text logs; on stderr with JSON logs, so stdout holds
    /// nothing but JSON lines.
    /// </summary>
    public static void Say(ParseResult parse, string line)
    {
        if (JsonLogs(parse)) Console.Error.WriteLine(line);
        else Console.WriteLine(line);
    }

    /// <summary>
    /// Waits until Ctrl-C or SIGTERM (or until <paramref name="work"/> ends, whose failure is rethrown), taking both signals
    /// so the caller's clean shutdown runs to the end.
    /// </summary>
    public static async Task UntilStoppedAsync(CancellationToken ct, Task? work = null)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => { context.Cancel = true; stop.Cancel(); });
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => { context.Cancel = true; stop.Cancel(); });
        try { await (work ?? Task.Delay(Timeout.Infinite)).WaitAsync(stop.Token); }
        catch (OperationCanceledException) when (stop.IsCancellationRequested) { }
    }
}
