using System.CommandLine;
using System.Net;
using System.Net.Sockets;
using Livepeer.Node.Devnet;
using Livepeer.Node.Orchestrator.Misbehaviour;

namespace Livepeer.Cli.Commands;

/// <summary>`livepeer devnet`: the whole network on one machine, with a dashboard.</summary>
public static class DevnetCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(GlobalOptions globals)
    {
        var rpcPort = new Option<int>("--rpc-port") { Description = "Ledger JSON-RPC port", DefaultValueFactory = _ => 8545 };
        var rtmpPort = new Option<int>("--rtmp-port") { Description = "Broadcaster RTMP port (publish here)", DefaultValueFactory = _ => 1935 };
        var httpPort = new Option<int>("--http-port") { Description = "Broadcaster HTTP port (dashboard, HLS, DASH, /api/status)", DefaultValueFactory = _ => 8935 };
        var orchestratorPort = new Option<int>("--orchestrator-port") { Description = "First of three orchestrator ports", DefaultValueFactory = _ => 8936 };
        var fresh = new Option<bool>("--fresh") { Description = "Start from an empty devnet directory instead of resuming" };
        var demo = new Option<bool>("--demo") { Description = "Also publish a synthetic stream (ffmpeg test pattern and tone) under the key demo" };
        var cheat = new Option<string?>("--cheat")
        {
            Description = "Make orchestrator-2 cheat (tamper-video|wrong-pixels|equivocate) to watch the broadcaster catch it and the verifiers slash it", HelpName = "HOW",
        };
        var chain = new Option<string>("--chain")
        {
            Description = "ledger (the embedded ledger) or evm (anvil with Livepeer's contracts from contracts/ deployed on it, fresh each start)",
            HelpName = "CHAIN", DefaultValueFactory = _ => "ledger",
        };
        chain.AcceptOnlyFromAmong("ledger", "evm");
        var command = new Command("devnet", "Run a whole local Livepeer network: ledger, orchestrators, delegators, verifiers, broadcaster, dashboard")
            { rpcPort, rtmpPort, httpPort, orchestratorPort, fresh, demo, cheat, chain };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(async () =>
        {
            var options = new DevnetOptions
            {
                DataDirectory = Path.Combine(parse.GetValue(globals.DataDir)!, "devnet"),
                Fresh = parse.GetValue(fresh), Demo = parse.GetValue(demo),
                RpcPort = parse.GetValue(rpcPort), RtmpPort = parse.GetValue(rtmpPort), HttpPort = parse.GetValue(httpPort), OrchestratorBasePort = parse.GetValue(orchestratorPort),
                WebRoot = NodeOptions.WebRoot(), Chain = parse.GetValue(chain) == "evm" ? DevnetChain.Evm : DevnetChain.Ledger,
            };
            try { options.Cheat = MisbehaviourSwitch.ParseName(parse.GetValue(cheat)); }
            catch (ArgumentException e) { throw new CliException($"--cheat: {e.Message}", CliException.Usage); }
            RequireFree(options.RpcPort, "--rpc-port", options.Chain == DevnetChain.Evm ? "anvil" : "the ledger");
            RequireFree(options.RtmpPort, "--rtmp-port", "RTMP ingest");
            RequireFree(options.HttpPort, "--http-port", "the dashboard and HLS");
            for (var i = 0; i < 3; i++) RequireFree(options.OrchestratorBasePort == 0 ? 0 : options.OrchestratorBasePort + i, "--orchestrator-port", $"orchestrator {i + 1}");

            using var loggers = NodeOptions.Loggers(parse);
            var progress = new Progress<string>(line => Console.WriteLine($"  {line}"));
            Console.WriteLine($"Starting a Livepeer devnet in {options.DataDirectory}{(options.Fresh ? " (fresh)" : "")}:");
            await using var net = await DevnetNetwork.StartAsync(options, TimeProvider.System, loggers, progress, ct);
            var http = net.Broadcaster.HttpAddress;
            Console.WriteLine();
            Console.WriteLine("The devnet is running.");
            Console.WriteLine($"  Dashboard:  {http}");
            if (net.Evm is { } evm)
            {
                Console.WriteLine($"  anvil:      {net.ChainUri}  Controller {evm.Record.Controller}");
                Console.WriteLine($"              (e.g. ./livepeer round status --eth-url {net.ChainUri} --network anvil --eth-controller {evm.Record.Controller})");
                Console.WriteLine("  Node status (/status) and Prometheus metrics (/metrics):");
                Console.WriteLine($"    broadcaster {http}   remote transcoder {net.RemoteTranscoderStatus}");
            }
            else
            {
                Console.WriteLine($"  Ledger:     {net.Ledger.RpcUri}  (e.g. ./livepeer round status --chain-rpc {net.Ledger.RpcUri})");
                Console.WriteLine("  Node status (/status) and Prometheus metrics (/metrics):");
                Console.WriteLine($"    ledger {net.Ledger.RpcUri}   broadcaster {http}   remote transcoder {net.RemoteTranscoderStatus}");
            }
            Console.WriteLine($"    orchestrators {string.Join("  ", net.Orchestrators.Select(o => o.ServiceUri))}  (TLS, self-signed)");
            Console.WriteLine();
            Console.WriteLine("Publish a stream:");
            Console.WriteLine($"  ffmpeg -re -f lavfi -i testsrc2=size=1280x720:rate=30 -f lavfi -i sine -c:v libx264 -g 60 -c:a aac -f flv rtmp://127.0.0.1:{net.Broadcaster.RtmpPort}/live/mystream");
            Console.WriteLine($"  OBS: Settings > Stream > Service: Custom, Server: rtmp://127.0.0.1:{net.Broadcaster.RtmpPort}/live, Stream Key: mystream");
            Console.WriteLine($"Play it:   {http}hls/mystream/index.m3u8   or   {http}dash/mystream/manifest.mpd");
            if (options.Demo) Console.WriteLine($"The demo stream plays at {http}hls/demo/index.m3u8 and in the dashboard.");
            Console.WriteLine("Ctrl-C stops everything; state stays in the data directory (use --fresh to start over).");
            await NodeOptions.UntilStoppedAsync(ct);
            Console.WriteLine("Stopping the devnet...");
            return 0;
        }));
        return command;
    }

    private static void RequireFree(int port, string option, string what)
    {
        if (port == 0) return;
        try
        {
            using var probe = new TcpListener(IPAddress.Loopback, port);
            probe.Start();
        }
        catch (SocketException)
        {
            throw new CliException($"Port {port} ({what}) is already in use on 127.0.0.1. Stop the program using it, or choose another with {option}.");
        }
    }
}
