using System.Net;
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

    /// <summary>One-line console logs with a time stamp; framework chatter only from warnings up.</summary>
    public static ILoggerFactory Loggers() => LoggerFactory.Create(b => b
        .AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss "; })
        .SetMinimumLevel(LogLevel.Information)
        .AddFilter("Microsoft", LogLevel.Warning)
        .AddFilter("Microsoft.Extensions.Hosting", LogLevel.None)
        .AddFilter("Grpc", LogLevel.Warning));

    /// <summary>Waits until Ctrl-C or SIGTERM.</summary>
    public static async Task UntilStoppedAsync(CancellationToken ct)
    {
        try { await Task.Delay(Timeout.Infinite, ct); }
        catch (OperationCanceledException) { }
    }
}
