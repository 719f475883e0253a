using System.CommandLine;
using System.Net;
using Livepeer.Node.Control;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace Livepeer.Cli.Commands;

/// <summary>
/// --control-addr and --control-allow-remote of the node commands: where the control port (runtime price, sessions,
/// ladder) listens. Loopback by default and refused elsewhere unless allowed, since it has no authentication; "off" turns
/// it off. When the default port is taken (another node on this machine) the node runs without one and says so.
/// </summary>
internal sealed class ControlOptions(string defaultAddress)
{
    /// <summary>--control-addr host:port.</summary>
    public Option<string> Addr { get; } = new("--control-addr")
    {
        Description = $"Control port host:port for changing the running node (`livepeer control ...`); loopback only unless --control-allow-remote; off: none",
        DefaultValueFactory = _ => defaultAddress, HelpName = "HOST:PORT|off",
    };

    /// <summary>--control-allow-remote.</summary>
    public Option<bool> AllowRemote { get; } = new("--control-allow-remote")
    {
        Description = "Let --control-addr bind beyond loopback (it has no authentication: only behind a firewall you trust)",
    };

    /// <summary>Both options.</summary>
    public IEnumerable<Option> All => [Addr, AllowRemote];

    /// <summary>The endpoint to bind, or null for "off"; a usage error for a bad or non-loopback address not allowed.</summary>
    public IPEndPoint? Endpoint(ParseResult parse)
    {
        var text = parse.GetValue(Addr)!;
        if (text.Equals("off", StringComparison.OrdinalIgnoreCase)) return null;
        var endpoint = NodeOptions.Endpoint(text, Addr.Name);
        if (!IPAddress.IsLoopback(endpoint.Address) && !parse.GetValue(AllowRemote))
            throw new CliException($"--control-addr {text} would let other machines change this node without authentication; use 127.0.0.1:PORT, or add --control-allow-remote if a firewall you trust guards it.", CliException.Usage);
        return endpoint;
    }

    /// <summary>Starts the control port with the routes <paramref name="map"/> adds, logging to <paramref name="loggers"/>, or returns null (off, or the default port taken).</summary>
    public async Task<ControlServer?> StartAsync(ParseResult parse, Action<WebApplication> map, ILoggerFactory loggers, CancellationToken ct)
    {
        if (Endpoint(parse) is not { } endpoint) return null;
        try { return await ControlServer.StartAsync(endpoint, map, parse.GetValue(AllowRemote), loggers, ct); }
        catch (IOException e) when (parse.GetResult(Addr) is null or { Implicit: true })
        {
            NodeOptions.Say(parse, $"  no control port: {endpoint} is taken ({e.Message}); pass --control-addr 127.0.0.1:PORT for one");
            return null;
        }
        catch (IOException e) { throw new CliException($"--control-addr {endpoint}: cannot listen there ({e.Message})."); }
    }

    /// <summary>The banner line naming the control port.</summary>
    public static string Banner(ControlServer server, string role) =>
        $"  control: {server.Address} (livepeer control {role} sessions --control-addr {server.Address.Authority})";
}
