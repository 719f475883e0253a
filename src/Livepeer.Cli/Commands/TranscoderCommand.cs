using System.CommandLine;
using Grpc.Core;
using Livepeer.Media.Transcoding;
using Livepeer.Node.Transcoder;
using Livepeer.Node.Transcoding;
using Microsoft.Extensions.Logging;

namespace Livepeer.Cli.Commands;

/// <summary>`livepeer transcoder`: a remote transcoder that works for one orchestrator until Ctrl-C.</summary>
public static class TranscoderCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var orchAddr = new Option<string>("--orch-addr") { Description = "The orchestrator's address, e.g. https://127.0.0.1:8936", Required = true };
        var orchSecret = new Option<string>("--orch-secret") { Description = "The shared secret the orchestrator accepts transcoders with", Required = true };
        var capacity = new Option<int>("--capacity") { Description = "Most segments transcoded at once", DefaultValueFactory = _ => 1 };
        var httpAddr = new Option<string>("--http-addr") { Description = "Listen address host:port of GET /status and /metrics (port 0 picks a free one)", DefaultValueFactory = _ => TranscoderStatusServer.DefaultAddress };
        var sessions = TranscodeSessionsOption.Create();
        var command = new Command("transcoder", "Run a remote transcoder: register with an orchestrator and transcode the segments it sends") { orchAddr, orchSecret, capacity, httpAddr, sessions, ConfigArguments.Create() };
        command.Subcommands.Add(NodeStatusCommand.Create("transcoder", "http://" + TranscoderStatusServer.DefaultAddress, "livepeer transcoder --orch-addr https://127.0.0.1:8936 --orch-secret SECRET"));
        command.SetAction((parse, ct) => CommandRunner.RunAsync(async () =>
        {
            if (!Uri.TryCreate(parse.GetValue(orchAddr), UriKind.Absolute, out var uri))
                throw new CliException($"--orch-addr {parse.GetValue(orchAddr)} is not an address; pass e.g. https://127.0.0.1:8936.", CliException.Usage);
            var options = new TranscoderNodeOptions
            {
                OrchestratorUri = uri, Secret = parse.GetValue(orchSecret)!, Capacity = parse.GetValue(capacity),
                Capabilities = NodeCapabilities.SupportedBy(await FfmpegEncoders.QueryAsync("ffmpeg", ct)), // only encoders this ffmpeg has
            };
            var listen = NodeOptions.Endpoint(parse.GetValue(httpAddr)!, "--http-addr");
            using var loggers = NodeOptions.Loggers(parse);
            var local = LocalSegmentTranscoder.Ffmpeg(TranscodeSessionsOption.Parse(parse.GetValue(sessions)!));
            await using var node = new TranscoderNode(options, local, TimeProvider.System, new Random(), loggers.CreateLogger<TranscoderNode>());
            await using var server = await TranscoderStatusServer.StartAsync(node, listen, loggers, ct);
            node.Start();
            NodeOptions.Say(parse, $"Transcoder for {uri} with capacity {options.Capacity}; status on {server.Address}status. Ctrl-C to stop.");
            try { await NodeOptions.UntilStoppedAsync(ct, node.Completion); }
            catch (RpcException e) { throw new CliException($"the orchestrator refused this transcoder: {e.Status.Detail}"); }
            NodeOptions.Say(parse, $"Stopping: {node.Completed} results posted, {node.Active} tasks abandoned.");
            return 0;
        }));
        return command;
    }
}
